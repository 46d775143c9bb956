package main

import "golang.org/x/sys/unix"

// noCoreDumps keeps the keys in memory out of core dumps and away from
// other processes of the same user, as ssh-agent and gpg-agent do: no
// core file (RLIMIT_CORE 0, soft and hard) and not dumpable
// (PR_SET_DUMPABLE 0, which also stops same-user ptrace and makes
// /proc/PID root's). Best effort: lowering a limit cannot fail in
// practice, and a sandbox that forbids prctl leaves the rlimit.
func noCoreDumps() {
	_ = unix.Setrlimit(unix.RLIMIT_CORE, &unix.Rlimit{})
	_ = unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0)
}
