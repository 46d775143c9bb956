package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/otrtool/otr/pkg/otr"
	"github.com/urfave/cli/v2"
)

// shown is one event for the display stream, with what the command adds
// to the library's event (trust, the peer's name).
type shown struct {
	otr.Event
	Peer    string
	Trusted bool
	Trust   string // how the fingerprint was verified, for text mode
}

// display writes events as text lines or JSON lines.
type display struct {
	w     io.Writer
	json  bool
	debug bool
	close func() error

	written // what a step showed (see display_durable.go)
}

// openDisplay honours --display, --json and --debug.
func openDisplay(c *cli.Context) (*display, error) {
	d := &display{w: c.App.ErrWriter, json: globalBool(c, "json"), debug: globalBool(c, "debug"), close: func() error { return nil }}
	if path := globalString(c, "display"); path != "" {
		f, err := openDisplayFile(path)
		if err != nil {
			return nil, err
		}
		d.w, d.close = f, f.Close
	}
	return d, nil
}

// show writes events; one write per batch so lines from concurrent
// invocations do not interleave mid-line.
func (d *display) show(events []shown) {
	var buf bytes.Buffer
	if !d.json {
		events = quieter(events)
	}
	for _, e := range events {
		if e.Kind == otr.EventDebug && !d.debug {
			continue
		}
		if d.json {
			buf.Write(jsonLine(e))
		} else {
			buf.WriteString(textLine(e))
		}
		buf.WriteByte('\n')
	}
	if buf.Len() > 0 {
		_, err := d.w.Write(buf.Bytes())
		d.note(err)
	}
}

// field is one key of a JSON object; kept in order so lines read well.
type field struct {
	key   string
	value any
}

func jsonLine(e shown) []byte {
	fs := []field{{"event", string(e.Kind)}, {"peer", e.Peer}}
	switch e.Kind {
	case otr.EventMessage:
		keys := []string{}
		for _, k := range e.OldMACKeys {
			keys = append(keys, hex.EncodeToString(k))
		}
		fs = append(fs, field{"text", e.Text}, field{"encrypted", e.Encrypted}, field{"old_mac_keys", keys}, field{"id", e.ID})
	case otr.EventSecure:
		fs = append(fs, field{"version", e.Version}, field{"fingerprint", hex.EncodeToString(e.Fingerprint)},
			field{"trusted", e.Trusted}, field{"ssid", hex.EncodeToString(e.SSID)})
		if e.Refreshed {
			fs = append(fs, field{"refreshed", true})
		}
	case otr.EventSMPRequest, otr.EventSMPSucceeded, otr.EventSMPFailed:
		if e.HasQuestion {
			fs = append(fs, field{"question", e.Question})
		}
	case otr.EventExtraKey:
		fs = append(fs, field{"use", e.Use}, field{"context", hex.EncodeToString(e.Context)}, field{"key", hex.EncodeToString(e.Key)})
	case otr.EventError, otr.EventWarning, otr.EventDebug:
		fs = append(fs, field{"message", errText(fmt.Errorf("%s", e.Text))})
	}
	return encodeObject(fs)
}

func encodeObject(fs []field) []byte {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range fs {
		if i > 0 {
			buf.WriteByte(',')
		}
		writeJSON(&buf, f.key)
		buf.WriteByte(':')
		writeJSON(&buf, f.value)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

func writeJSON(buf *bytes.Buffer, v any) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false) // "<b>" stays readable; it is still valid JSON
	_ = enc.Encode(v)
	buf.Truncate(buf.Len() - 1) // Encode's newline
}

// errorEvent is the display form of a failure outside any library event.
func errorEvent(peer string, err error) shown {
	return shown{Event: otr.Event{Kind: otr.EventError, Text: err.Error(), Err: err}, Peer: peer}
}
