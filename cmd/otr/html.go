package main

import (
	"html"
	"regexp"
	"strings"

	"github.com/otrtool/otr/pkg/otr"
)

var (
	htmlBreak = regexp.MustCompile(`(?i)<br\s*/?>`)
	htmlTag   = regexp.MustCompile(`</?[A-Za-z!][^<>]*>`)
)

// stripHTML turns the HTML that Pidgin and Gajim put in messages into plain
// text: line breaks become newlines (escaped again by the text display),
// other tags go, entities are decoded.
func stripHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	s = htmlBreak.ReplaceAllString(s, "\n")
	return html.UnescapeString(htmlTag.ReplaceAllString(s, ""))
}

// stripMessageHTML applies stripHTML to the messages among events.
func stripMessageHTML(events []otr.Event) {
	for i := range events {
		if events[i].Kind == otr.EventMessage {
			events[i].Text = stripHTML(events[i].Text)
		}
	}
}
