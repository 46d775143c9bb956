package irctest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ngircdConf runs a private server: loopback only, no PAM, ident or DNS,
// no system include directory, nicks up to 30 bytes.
const ngircdConf = `[Global]
	Name = irc.test
	Info = otr test server
	Listen = 127.0.0.1
	Ports = %d
	MotdPhrase = otr test
	AdminInfo1 = test
	AdminInfo2 = test
	AdminEMail = test@invalid
[Limits]
	MaxNickLength = 30
	PingTimeout = 120
	PongTimeout = 20
[Options]
	PAM = no
	Ident = no
	DNS = no
	IncludeDir = %s
`

// ngircd is a running server.
type ngircd struct {
	port int
	log  string
}

// quitSeen says whether the server logged that nick left with QUIT.
func (n *ngircd) quitSeen(nick string) bool {
	log, _ := os.ReadFile(n.log)
	for _, line := range strings.Split(string(log), "\n") {
		if strings.Contains(line, `User "`+nick+"!") && strings.Contains(line, "Got QUIT command") {
			return true
		}
	}
	return false
}

// startNgircd runs ngircd in the foreground on a free port until the
// test ends.
func startNgircd(t *testing.T) *ngircd {
	t.Helper()
	dir := t.TempDir()
	port := freePort(t)
	conf := filepath.Join(dir, "ngircd.conf")
	include := filepath.Join(dir, "conf.d")
	if err := os.Mkdir(include, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(conf, []byte(fmt.Sprintf(ngircdConf, port, include)), 0o600); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(dir, "ngircd.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("ngircd", "--nodaemon", "--config", conf)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting ngircd: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		logf.Close()
	})
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	if !poll(10*time.Second, func() bool {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
		}
		return err == nil
	}) {
		log, _ := os.ReadFile(logf.Name())
		t.Fatalf("ngircd does not listen on %s:\n%s", addr, log)
	}
	return &ngircd{port: port, log: logf.Name()}
}
