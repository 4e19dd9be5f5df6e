// protocol-depends-on-nothing: the protocol imports the contract.
export { c } from '../../contract/src/index.ts';
