package libotrpeer

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"strings"
)

// record is one result line of the helper: a tag and its decoded fields.
type record struct {
	tag    string
	fields map[string]string
}

// hexFields are the fields whose values travel hex-encoded.
var hexFields = map[string]bool{
	"name": true, "text": true, "question": true, "context": true,
	"key": true, "err": true, "their_fp": true, "ssid": true, "their_trust": true,
}

// encodeArg turns bytes into one command argument.
func encodeArg(b []byte) string {
	if len(b) == 0 {
		return "-"
	}
	return hex.EncodeToString(b)
}

func decodeValue(s string) (string, error) {
	if s == "-" {
		return "", nil
	}
	b, err := hex.DecodeString(s)
	return string(b), err
}

// parseRecord splits "tag k=v k=v" and decodes the hex fields.
func parseRecord(line string) (record, error) {
	parts := strings.Fields(line)
	if len(parts) == 0 {
		return record{}, fmt.Errorf("empty result line")
	}
	r := record{tag: parts[0], fields: map[string]string{}}
	if r.tag == "event" && len(parts) > 1 {
		r.fields["kind"] = parts[1]
		parts = parts[1:]
	}
	for _, p := range parts[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return record{}, fmt.Errorf("result field %q has no '='", p)
		}
		if hexFields[k] {
			d, err := decodeValue(v)
			if err != nil {
				return record{}, fmt.Errorf("result field %s: %w", k, err)
			}
			v = d
		}
		r.fields[k] = v
	}
	return r, nil
}

// errHelper is an "err" answer of the helper: the command was refused.
type errHelper struct{ text string }

func (e *errHelper) Error() string { return "helper refused the command: " + e.text }

// readResponse reads result lines up to the final "ok"; an "err" line or the
// end of the stream becomes an error.
func readResponse(r *bufio.Reader) ([]record, error) {
	var records []record
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return records, fmt.Errorf("helper output ended before \"ok\" (crashed?): %w", err)
		}
		rec, err := parseRecord(strings.TrimRight(line, "\r\n"))
		if err != nil {
			return records, err
		}
		switch rec.tag {
		case "ok":
			return records, nil
		case "err":
			return records, &errHelper{rec.fields["text"]}
		}
		records = append(records, rec)
	}
}
