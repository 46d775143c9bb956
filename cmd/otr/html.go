package main

import (
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/otrtool/otr/pkg/otr"
)

// htmlPatterns are compiled on first use: only recv --strip-html needs
// them, and compiled at start they cost every invocation about 1% of a send.
var htmlPatterns = sync.OnceValues(func() (lineBreak, tag *regexp.Regexp) {
	return regexp.MustCompile(`(?i)<br\s*/?>`), regexp.MustCompile(`</?[A-Za-z!][^<>]*>`)
})

// stripHTML turns the HTML that Pidgin and Gajim put in messages into plain
// text: line breaks become newlines (escaped again by the text display),
// other tags go, entities are decoded.
func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	lineBreak, tag := htmlPatterns()
	s = lineBreak.ReplaceAllString(s, "\n")
	return html.UnescapeString(tag.ReplaceAllString(s, ""))
}

// stripMessageHTML applies stripHTML to the messages among events.
func stripMessageHTML(events []otr.Event) {
	for i := range events {
		if events[i].Kind == otr.EventMessage {
			events[i].Text = stripHTML(events[i].Text)
		}
	}
}
