package main

import "testing"

func TestStripHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"<b>bold</b> and <i>it</i>", "bold and it"},
		{"line one<br>line two<BR/>three<br />", "line one\nline two\nthree\n"},
		{`<a href="https://x.example">link</a> &amp; &lt;tag&gt; &quot;q&quot;`, `link & <tag> "q"`},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"<font color=\"red\">☃</font>", "☃"},
	} {
		if got := stripHTML(tc.in); got != tc.want {
			t.Errorf("stripHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestRecvStripHTML: HTML is shown as received unless --strip-html is given.
func TestRecvStripHTML(t *testing.T) {
	alice, bob := pair(t)
	handshake(t, alice, bob)
	html := "<b>hi</b> &amp; bye<br>"
	if m := bob.recv(alice.send(html)).event("message"); m == nil || m["text"] != html {
		t.Fatalf("without --strip-html: %v", m)
	}
	r := bob.must(alice.send(html), "recv", "--peer", bob.peer, "--strip-html")
	if m := r.event("message"); m == nil || m["text"] != "hi & bye\n" {
		t.Fatalf("with --strip-html: %v", m)
	}
}
