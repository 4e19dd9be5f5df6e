// host-on-protocol-and-contract: the host imports the api-client.
export { a } from '../../api-client/src/index.ts';
