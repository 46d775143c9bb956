/*
 * keytool: a small driver around libotr's file functions, used by the Go
 * tests of package libotrfile as the reference implementation.
 *
 *   keytool gen FILE ACCOUNT PROTOCOL   add a new key (keeps keys already in FILE)
 *   keytool fp FILE                     one line per key: hex(account) hex(protocol) fingerprint
 *   keytool fpr IN OUT                  read a fingerprints file, write it back
 *   keytool taggen FILE ACCOUNT PROTOCOL  add a new instance tag (keeps tags in FILE)
 *   keytool tags IN OUT                 read an instance tags file, write it back
 *   keytool sexp FILE                   parse FILE with libgcrypt, print it in
 *                                       the "advanced" form libotr writes keys in
 *
 * Names are printed in hex so that any byte survives the trip to the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gcrypt.h>
#include <libotr/proto.h>
#include <libotr/userstate.h>
#include <libotr/privkey.h>
#include <libotr/instag.h>

static int fail(const char *what, gcry_error_t err)
{
    fprintf(stderr, "keytool: %s: %s\n", what, gcry_strerror(err));
    return 1;
}

static void print_hex(const char *s)
{
    for (; *s; s++) printf("%02x", (unsigned char)*s);
}

static int cmd_gen(OtrlUserState us, char **argv)
{
    gcry_error_t err;
    if (access(argv[0], F_OK) == 0) {
	err = otrl_privkey_read(us, argv[0]);
	if (err) return fail("otrl_privkey_read", err);
    }
    err = otrl_privkey_generate(us, argv[0], argv[1], argv[2]);
    return err ? fail("otrl_privkey_generate", err) : 0;
}

static int cmd_fp(OtrlUserState us, char **argv)
{
    char human[OTRL_PRIVKEY_FPRINT_HUMAN_LEN];
    OtrlPrivKey *p;
    gcry_error_t err = otrl_privkey_read(us, argv[0]);
    if (err) return fail("otrl_privkey_read", err);
    for (p = us->privkey_root; p; p = p->next) {
	if (!otrl_privkey_fingerprint(us, human, p->accountname, p->protocol)) {
	    fprintf(stderr, "keytool: no fingerprint\n");
	    return 1;
	}
	print_hex(p->accountname);
	printf("\t");
	print_hex(p->protocol);
	printf("\t%s\n", human);
    }
    return 0;
}

static int cmd_fpr(OtrlUserState us, char **argv)
{
    gcry_error_t err = otrl_privkey_read_fingerprints(us, argv[0], NULL, NULL);
    if (err) return fail("otrl_privkey_read_fingerprints", err);
    err = otrl_privkey_write_fingerprints(us, argv[1]);
    return err ? fail("otrl_privkey_write_fingerprints", err) : 0;
}

static int cmd_taggen(OtrlUserState us, char **argv)
{
    gcry_error_t err;
    if (access(argv[0], F_OK) == 0) {
	err = otrl_instag_read(us, argv[0]);
	if (err) return fail("otrl_instag_read", err);
    }
    err = otrl_instag_generate(us, argv[0], argv[1], argv[2]);
    return err ? fail("otrl_instag_generate", err) : 0;
}

static int cmd_tags(OtrlUserState us, char **argv)
{
    gcry_error_t err = otrl_instag_read(us, argv[0]);
    if (err) return fail("otrl_instag_read", err);
    err = otrl_instag_write(us, argv[1]);
    return err ? fail("otrl_instag_write", err) : 0;
}

static int cmd_sexp(OtrlUserState us, char **argv)
{
    static char buf[1 << 16];
    size_t n, len;
    gcry_sexp_t sexp;
    gcry_error_t err;
    FILE *f = fopen(argv[0], "rb");

    (void)us;
    if (!f) {
	perror("keytool: fopen");
	return 1;
    }
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    err = gcry_sexp_new(&sexp, buf, n, 0);
    if (err) return fail("gcry_sexp_new", err);
    len = gcry_sexp_sprint(sexp, GCRYSEXP_FMT_ADVANCED, NULL, 0);
    {
	char *out = malloc(len);
	gcry_sexp_sprint(sexp, GCRYSEXP_FMT_ADVANCED, out, len);
	/* len counts the terminating NUL. */
	fwrite(out, 1, len - 1, stdout);
	free(out);
    }
    gcry_sexp_release(sexp);
    return 0;
}

int main(int argc, char **argv)
{
    static const struct {
	const char *name;
	int nargs;
	int (*run)(OtrlUserState, char **);
    } cmds[] = {
	{ "gen", 3, cmd_gen }, { "fp", 1, cmd_fp }, { "fpr", 2, cmd_fpr },
	{ "taggen", 3, cmd_taggen }, { "tags", 2, cmd_tags },
	{ "sexp", 1, cmd_sexp },
    };
    size_t i;

    OTRL_INIT;
    for (i = 0; argc > 1 && i < sizeof(cmds) / sizeof(cmds[0]); i++) {
	if (!strcmp(argv[1], cmds[i].name) && argc == cmds[i].nargs + 2) {
	    OtrlUserState us = otrl_userstate_create();
	    int rc = cmds[i].run(us, argv + 2);
	    otrl_userstate_free(us);
	    return rc;
	}
    }
    fprintf(stderr, "usage: keytool gen|fp|fpr|taggen|tags|sexp ARGS...\n");
    return 2;
}
