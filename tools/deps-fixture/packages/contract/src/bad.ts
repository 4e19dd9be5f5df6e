// contract-depends-on-nothing: the contract imports the api-client.
export { a } from '../../api-client/src/index.ts';
