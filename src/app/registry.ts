/**
 * The registry's use cases, one per file, and the rules they share — re-exported here for the modules
 * that import them all (new code imports the file it needs).
 */
export { commitAccount } from './account-change';
export {
  type DirectoryFacts,
  checkOrThrow,
  gatherFacts,
  newRecord,
  registrationErrors,
  registrationFrom,
  withRegistration,
} from './account-registration';
export { retagAccount } from './retag-account';
export { retireAccount } from './retire-account';
export { tagAccount } from './tag-account';
export { updateAccount } from './update-account';
