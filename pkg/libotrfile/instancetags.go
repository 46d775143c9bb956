package libotrfile

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
)

// InstanceTag is one line of libotr's otr.instance_tags: our instance tag
// for one account.
type InstanceTag struct {
	Account  string
	Protocol string
	Tag      uint32
}

// instanceTagsHeader is the first line libotr writes; having no tab, it is
// skipped when the file is read.
const instanceTagsHeader = "# WARNING! You shouldn't copy this file to another computer. It is unnecessary and can cause problems.\n"

// ReadInstanceTags reads an otr.instance_tags file: lines of account,
// protocol and the tag as 8 hex digits, separated by tabs. As in libotr,
// lines without a tab (the warning header) are skipped.
func ReadInstanceTags(r io.Reader) ([]InstanceTag, error) {
	var out []InstanceTag
	err := eachLine(r, func(n int, line string) error {
		if !strings.Contains(line, "\t") {
			return nil
		}
		t, err := parseInstanceTagLine(line)
		if err != nil {
			return errLine(n, err)
		}
		out = append(out, t)
		return nil
	})
	return out, err
}

func parseInstanceTagLine(line string) (InstanceTag, error) {
	fields := strings.Split(line, "\t")
	if len(fields) != 3 {
		return InstanceTag{}, fmt.Errorf("%w: expected account, protocol and tag separated by tabs, found %d fields", ErrSyntax, len(fields))
	}
	tag, err := strconv.ParseUint(fields[2], 16, 32)
	if err != nil || len(fields[2]) != 8 {
		return InstanceTag{}, fmt.Errorf("%w: instance tag %q is not 8 hex digits", ErrSyntax, fields[2])
	}
	if tag < otr.MinInstanceTag {
		return InstanceTag{}, fmt.Errorf("%w: instance tag %#x is below the smallest valid tag %#x", ErrFormat, tag, otr.MinInstanceTag)
	}
	return InstanceTag{Account: fields[0], Protocol: fields[1], Tag: uint32(tag)}, nil
}

// WriteInstanceTags writes tags as libotr does: its warning header, then
// one line per account with the tag as 8 lower-case hex digits.
func WriteInstanceTags(w io.Writer, tags []InstanceTag) error {
	var buf bytes.Buffer
	buf.WriteString(instanceTagsHeader)
	for i, t := range tags {
		if err := checkInstanceTag(t); err != nil {
			return fmt.Errorf("instance tag %d: %w", i+1, err)
		}
		fmt.Fprintf(&buf, "%s\t%s\t%08x\n", t.Account, t.Protocol, t.Tag)
	}
	return writeLines(w, &buf)
}

func checkInstanceTag(t InstanceTag) error {
	if t.Tag < otr.MinInstanceTag {
		return fmt.Errorf("%w: instance tag %#x is below %#x", ErrUnwritable, t.Tag, otr.MinInstanceTag)
	}
	if err := checkField("account", t.Account, false); err != nil {
		return err
	}
	return checkField("protocol", t.Protocol, false)
}
