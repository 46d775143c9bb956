// Package bigstack grows the stack of the goroutine that runs package
// initialisers and main to its working size before anything else runs.
//
// A goroutine starts with 8 KB of stack and doubles it each time a call
// would overflow it, copying the stack and walking every frame to adjust
// its pointers. One otr invocation grew it five times, most of them deep
// in the regular-expression compiler of other packages' initialisers,
// and that cost 7-8% of the instructions of an otr send. Grown here, it
// grows once, with one frame to walk. It stays grown: only a garbage
// collection shrinks a stack, and one otr step allocates too little for
// one to start.
//
// The Go specification initialises packages in import-path order among
// those whose imports are done; this package imports nothing, so it runs
// before every package whose path sorts after its own, which is all but
// a few of the standard library's.
package bigstack

// Reserve is how much stack the initialisers and an otr step need (a
// local array larger than 128 KB would go to the heap instead).
const Reserve = 64 << 10

func init() { Grow() }

// Grow makes the calling goroutine's stack hold at least Reserve bytes.
//
//go:noinline
func Grow() byte {
	var pad [Reserve]byte
	return pad[index]
}

var index = 0 // a variable: the array is not optimised away
