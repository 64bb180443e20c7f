// The switchboard: one export per `handler` in manifest.yml, nothing else.
export { handler as adminResolver } from './entry/admin-resolver';
