package otr

import "time"

// since is now().Sub(t). With the real clock it is time.Since, which
// reads only the monotonic clock when t has a monotonic reading (a time
// taken by this process, as LastSent is after a send): one clock read
// instead of two on every received message, with the same result, since
// Sub uses the monotonic readings whenever both times have one.
func (c *Config) since(t time.Time) time.Duration {
	if c.Now == nil {
		return time.Since(t)
	}
	return c.Now().Sub(t)
}
