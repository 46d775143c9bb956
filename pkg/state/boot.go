package state

import (
	"strconv"
	"sync"

	"golang.org/x/sys/unix"
)

// bootIDPath is where Linux says which boot of the system this is: a
// random UUID drawn at every boot.
const bootIDPath = "/proc/sys/kernel/random/boot_id"

// currentBoot is the boot id, read once per process; "" where there is
// none (another system, a /proc not mounted), and then every save is
// synced. Tests replace it.
var currentBoot = sync.OnceValue(readBootID)

// epochIn is (*dir).epoch and mountIDIn (*dir).mountID; tests replace
// them.
var (
	epochIn   = (*dir).epoch
	mountIDIn = (*dir).mountID
)

// epoch names one life of the page cache that holds the unsynced saves
// of d: the boot id and the unique id of the mount d is on. The cache can
// be lost without a reboot too (a disk pulled out, or a file system shut
// down after an I/O error, then mounted again in the same boot), and a
// new mount then brings back the last synced file as surely as a new boot.
// "" (no boot id, or a kernel without unique mount ids): every save is
// synced.
func (d *dir) epoch() string {
	boot := currentBoot()
	if boot == "" {
		return ""
	}
	id := mountIDIn(d)
	if id == 0 {
		return ""
	}
	return boot + "/" + strconv.FormatUint(id, 10)
}

// readBootID reads the boot id through a bare descriptor (an *os.File
// would set up the runtime's poller for nothing) and accepts only the
// UUID it should be.
func readBootID() string {
	fd, err := unix.Open(bootIDPath, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return ""
	}
	defer unix.Close(fd)
	var buf [64]byte
	n, err := unix.Read(fd, buf[:])
	if err != nil || n < 0 {
		return ""
	}
	return validBootID(string(buf[:n]))
}

// validBootID returns s without its line break if it is a UUID (36
// characters, hex digits and four dashes), else "".
func validBootID(s string) string {
	if len(s) > 0 && s[len(s)-1] == '\n' {
		s = s[:len(s)-1]
	}
	if len(s) != 36 {
		return ""
	}
	for i := range len(s) {
		c := s[i]
		dash := i == 8 || i == 13 || i == 18 || i == 23
		if dash != (c == '-') || !dash && !isHexDigit(c) {
			return ""
		}
	}
	return s
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
