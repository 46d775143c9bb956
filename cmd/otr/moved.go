package main

// movedCommand says where a command that left otr went, or "".
func movedCommand(parent, word string) string {
	if parent == "" && word == "irc-bridge" {
		return "the IRC bridge is a command of its own now: otr-irc-bridge (go build ./cmd/otr-irc-bridge; scripts/irc.sh finds it beside otr)"
	}
	return ""
}
