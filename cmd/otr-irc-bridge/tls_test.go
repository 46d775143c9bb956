package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/otrtool/otr/internal/cliutil"
)

// selfSigned is a certificate for 127.0.0.1 that is its own authority.
func selfSigned(t *testing.T) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "irc.test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, cert
}

// newTLSIRC is fakeIRC on a TLS port.
func newTLSIRC(t *testing.T, cert tls.Certificate) *fakeIRC {
	t.Helper()
	ln, err := tls.Listen("tcp", "127.0.0.1:0", &tls.Config{Certificates: []tls.Certificate{cert}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return &fakeIRC{t: t, ln: ln}
}

func trustOnly(t *testing.T, certs ...*x509.Certificate) {
	t.Helper()
	pool := x509.NewCertPool()
	for _, c := range certs {
		pool.AddCert(c)
	}
	old := tlsRoots
	tlsRoots = pool
	t.Cleanup(func() { tlsRoots = old })
}

// TestIRCBridgeTLS: with --tls the bridge speaks IRC through TLS to a
// server whose certificate it trusts (registration, a message each way,
// QUIT), at TLS 1.2 at least.
func TestIRCBridgeTLS(t *testing.T) {
	cert, parsed := selfSigned(t)
	trustOnly(t, parsed)
	srv := newTLSIRC(t, cert)
	b := startBridge(t, srv.port(), "--tls")
	srv.register("127.0.0.1")
	b.typeLine(t, "?OTRv23?")
	srv.expect("PRIVMSG bob :?OTRv23?")
	srv.say(":bob!~b@h PRIVMSG alice :?OTR:AAMDtls.")
	waitFor(t, "the peer's message on stdout", func() bool { return strings.Contains(b.stdout.String(), "?OTR:AAMDtls.") })
	if state := srv.conn.(*tls.Conn).ConnectionState(); !state.HandshakeComplete || state.Version < tls.VersionTLS12 {
		t.Fatalf("TLS state %+v", state)
	}
	b.stdin.Close()
	srv.expect("QUIT")
	srv.conn.Close()
	if code := b.exit(t); code != 0 {
		t.Fatalf("exit %d, want 0; stderr: %s", code, b.stderr.String())
	}
}

// TestIRCBridgeTLSUntrusted: a certificate the system does not trust ends
// the bridge before anything is sent, exit 1, with a hint about the
// certificate (not about the port).
func TestIRCBridgeTLSUntrusted(t *testing.T) {
	cert, _ := selfSigned(t)
	_, other := selfSigned(t)
	trustOnly(t, other)
	srv := newTLSIRC(t, cert)
	go func() {
		if conn, err := srv.ln.Accept(); err == nil {
			_ = conn.(*tls.Conn).Handshake() // fails: the bridge hangs up
			conn.Close()
		}
	}()
	b := startBridge(t, srv.port(), "--tls")
	if code := b.exit(t); code != cliutil.ExitFailure {
		t.Fatalf("exit %d, want %d", code, cliutil.ExitFailure)
	}
	errs := b.stderr.String()
	if !strings.Contains(errs, "otr-irc-bridge: error:") || !strings.Contains(errs, "certificate") ||
		!strings.Contains(errs, "otr-irc-bridge: hint: the server's certificate is not one this system trusts") {
		t.Errorf("stderr:\n%s", errs)
	}
}
