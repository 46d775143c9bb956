package state

// HangBeforeRenameEnv names a test hook that exists only in binaries
// built with the otrtesthooks tag: when set to a path, a save writes and
// syncs its temp file, creates that path as a marker holding the temp
// file's path, and then waits forever instead of renaming, so a test can
// kill -9 the process there. The shipped binary has no such hook (its
// name does not even appear in it).
const HangBeforeRenameEnv = "OTR_STATE_TEST_HANG_BEFORE_RENAME"
