/*
 * helper.c: a libotr 4.1.1 test peer, driven over stdin/stdout.
 *
 * Modes (argv):
 *   peer ACCOUNT PROTOCOL BUDDY POLICY FRAGSIZE KEYFILE   one account, one buddy, line protocol
 *   bench KIND N ACCOUNT_A KEYFILE_A ACCOUNT_B KEYFILE_B PROTOCOL   two in-process userstates
 *                                                       (KIND keygen: N otrl_privkey_generate calls)
 *   keygen PATH ACCOUNT PROTOCOL                          add a key to a libotr key file
 *   fingerprints PATH                                     list the keys of a key file
 * POLICY is a number or "default". Byte strings travel as lower-case hex, "-" for empty.
 * Every command is answered by zero or more result lines, then "ok" or "err text=HEX".
 * doc.go describes the commands and result lines in full.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <gcrypt.h>
#include <libotr/proto.h>
#include <libotr/message.h>
#include <libotr/privkey.h>
#include <libotr/instag.h>
#include <libotr/userstate.h>
#include <libotr/tlv.h>

/* A FIFO of wire messages, used only by bench mode. */
typedef struct Msg { struct Msg *next; char *text; } Msg;
typedef struct { Msg *head, *tail; } Queue;

/* One libotr account. In bench mode "other" is the side that receives what we inject. */
typedef struct Side {
    OtrlUserState us;
    const char *account, *protocol, *buddy;
    OtrlPolicy policy;
    int fragsize;
    int decrypted;          /* convert_msg saw a decrypted data message */
    struct Side *other;     /* bench mode only */
    Queue inbox;            /* bench mode only */
    int smp_asked, smp_result; /* bench mode only: 1 success, -1 failure */
    char *last_shown;       /* bench mode only */
} Side;

/* ---- output helpers ---- */

static void put_hex(const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    if (n == 0) { fputc('-', stdout); return; }
    for (i = 0; i < n; i++) printf("%02x", b[i]);
}

static void kv_hex(const char *k, const void *p, size_t n) { printf(" %s=", k); put_hex(p, n); }
static void kv_str(const char *k, const char *s) { kv_hex(k, s, s ? strlen(s) : 0); }
static void kv_num(const char *k, unsigned long v) { printf(" %s=%lu", k, v); }

static void fail(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    fputs("err", stdout);
    kv_str("text", buf);
    fputc('\n', stdout);
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Decodes lower-case hex ("-" = empty) into a NUL-terminated buffer; NULL if malformed. */
static char *unhex(const char *s, size_t *lenp)
{
    size_t n = strcmp(s, "-") == 0 ? 0 : strlen(s), i;
    char *out;
    if (n % 2) return NULL;
    out = malloc(n / 2 + 1);
    for (i = 0; i < n / 2; i++) {
        int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);
        if (hi < 0 || lo < 0) { free(out); return NULL; }
        out[i] = (char)(hi << 4 | lo);
    }
    out[n / 2] = '\0';
    if (lenp) *lenp = n / 2;
    return out;
}

/* ---- bench queue ---- */

static void queue_push(Queue *q, const char *text)
{
    Msg *m = calloc(1, sizeof *m);
    m->text = strdup(text);
    if (q->tail) q->tail->next = m; else q->head = m;
    q->tail = m;
}

static char *queue_pop(Queue *q)
{
    Msg *m = q->head;
    char *text;
    if (!m) return NULL;
    q->head = m->next;
    if (!q->head) q->tail = NULL;
    text = m->text;
    free(m);
    return text;
}

/* ---- libotr callbacks: in peer mode they print, in bench mode they record ---- */

static OtrlPolicy cb_policy(void *op, ConnContext *c) { return ((Side *)op)->policy; }
static int cb_is_logged_in(void *op, const char *a, const char *p, const char *r) { return 1; }
static int cb_max_message_size(void *op, ConnContext *c) { return ((Side *)op)->fragsize; }
static const char *cb_account_name(void *op, const char *a, const char *p) { return strdup(a); }
static void cb_free_string(void *op, const char *s) { free((char *)s); }
static void cb_convert_free(void *op, ConnContext *c, char *s) {}
static void cb_timer_control(void *op, unsigned int interval) {}
static void cb_nop(void *op) {}

/* Keys and tags we create on demand live in unnamed temporary files only. */
static void cb_create_privkey(void *op, const char *account, const char *protocol)
{
    Side *s = op;
    FILE *f = tmpfile();
    if (!s->other) { printf("event create_privkey"); kv_str("text", account); printf("\n"); }
    if (f) { otrl_privkey_generate_FILEp(s->us, f, account, protocol); fclose(f); }
}

static void cb_create_instag(void *op, const char *account, const char *protocol)
{
    FILE *f = tmpfile();
    if (f) { otrl_instag_generate_FILEp(((Side *)op)->us, f, account, protocol); fclose(f); }
}

static void cb_inject(void *op, const char *a, const char *p, const char *r, const char *msg)
{
    Side *s = op;
    if (!msg || !*msg) return; /* libotr's "" means: send nothing */
    if (s->other) { queue_push(&s->other->inbox, msg); return; }
    fputs("wire", stdout);
    kv_str("text", msg);
    fputc('\n', stdout);
}

static void simple_event(Side *s, const char *kind)
{
    if (!s->other) printf("event %s\n", kind);
}

static void cb_gone_secure(void *op, ConnContext *c) { simple_event(op, "gone_secure"); }
static void cb_gone_insecure(void *op, ConnContext *c) { simple_event(op, "gone_insecure"); }

static void cb_still_secure(void *op, ConnContext *c, int is_reply)
{
    if (((Side *)op)->other) return;
    printf("event still_secure");
    kv_num("reply", is_reply);
    printf("\n");
}

static void cb_new_fingerprint(void *op, OtrlUserState us, const char *a, const char *p,
                               const char *user, unsigned char fp[20])
{
    if (((Side *)op)->other) return;
    printf("event new_fingerprint");
    kv_hex("key", fp, 20);
    printf("\n");
}

static void cb_received_symkey(void *op, ConnContext *c, unsigned int use,
                               const unsigned char *data, size_t len, const unsigned char *key)
{
    if (((Side *)op)->other) return;
    printf("event symkey");
    kv_num("use", use);
    kv_hex("context", data, len);
    kv_hex("key", key, OTRL_EXTRAKEY_BYTES);
    printf("\n");
}

static const char *cb_otr_error_message(void *op, ConnContext *c, OtrlErrorCode code)
{
    switch (code) {
    case OTRL_ERRCODE_ENCRYPTION_ERROR: return strdup("Error occurred encrypting message.");
    case OTRL_ERRCODE_MSG_NOT_IN_PRIVATE: return strdup("You sent encrypted data to a peer who wasn't expecting it.");
    case OTRL_ERRCODE_MSG_UNREADABLE: return strdup("You transmitted an unreadable encrypted message.");
    case OTRL_ERRCODE_MSG_MALFORMED: return strdup("You transmitted a malformed data message.");
    default: return strdup("Unknown error.");
    }
}

static void cb_smp_event(void *op, OtrlSMPEvent ev, ConnContext *c, unsigned short progress,
                         char *question)
{
    static const char *names[] = {"smp_none", "smp_error", "smp_abort", "smp_cheated",
        "smp_ask_for_answer", "smp_ask_for_secret", "smp_in_progress", "smp_success",
        "smp_failure"};
    Side *s = op;
    if (s->other) {
        if (ev == OTRL_SMPEVENT_ASK_FOR_SECRET || ev == OTRL_SMPEVENT_ASK_FOR_ANSWER) s->smp_asked = 1;
        if (ev == OTRL_SMPEVENT_SUCCESS) s->smp_result = 1;
        if (ev == OTRL_SMPEVENT_FAILURE || ev == OTRL_SMPEVENT_CHEATED ||
            ev == OTRL_SMPEVENT_ERROR || ev == OTRL_SMPEVENT_ABORT) s->smp_result = -1;
        return;
    }
    printf("event %s", (unsigned)ev < sizeof names / sizeof *names ? names[ev] : "error");
    kv_num("progress", progress);
    kv_str("question", question);
    printf("\n");
}

static void cb_msg_event(void *op, OtrlMessageEvent ev, ConnContext *c, const char *msg,
                         gcry_error_t err)
{
    static const char *names[] = {"NONE", "ENCRYPTION_REQUIRED", "ENCRYPTION_ERROR",
        "CONNECTION_ENDED", "SETUP_ERROR", "MSG_REFLECTED", "MSG_RESENT",
        "RCVDMSG_NOT_IN_PRIVATE", "RCVDMSG_UNREADABLE", "RCVDMSG_MALFORMED",
        "LOG_HEARTBEAT_RCVD", "LOG_HEARTBEAT_SENT", "RCVDMSG_GENERAL_ERR",
        "RCVDMSG_UNENCRYPTED", "RCVDMSG_UNRECOGNIZED", "RCVDMSG_FOR_OTHER_INSTANCE"};
    char name[64];
    if (((Side *)op)->other) return;
    snprintf(name, sizeof name, "OTRL_MSGEVENT_%s",
             (unsigned)ev < sizeof names / sizeof *names ? names[ev] : "UNKNOWN");
    printf("event msg_event");
    kv_str("name", name);
    kv_str("text", msg);
    kv_str("err", err ? gcry_strerror(err) : NULL);
    printf("\n");
}

/* Records that libotr decrypted a data message; we never convert the text. */
static void cb_convert_msg(void *op, ConnContext *c, OtrlConvertType type, char **dest,
                           const char *src)
{
    if (type == OTRL_CONVERT_RECEIVING) ((Side *)op)->decrypted = 1;
}

static OtrlMessageAppOps ops = {
    cb_policy, cb_create_privkey, cb_is_logged_in, cb_inject, cb_nop,
    cb_new_fingerprint, cb_nop, cb_gone_secure, cb_gone_insecure, cb_still_secure,
    cb_max_message_size, cb_account_name, cb_free_string, cb_received_symkey,
    cb_otr_error_message, cb_free_string, NULL, NULL, cb_smp_event, cb_msg_event,
    cb_create_instag, cb_convert_msg, cb_convert_free, cb_timer_control,
};

/* ---- shared helpers ---- */

static ConnContext *best_context(Side *s)
{
    return otrl_context_find(s->us, s->buddy, s->account, s->protocol, OTRL_INSTAG_BEST,
                             0, NULL, NULL, NULL);
}

/* Sends text with libotr, injecting everything; returns the libotr error. */
static gcry_error_t send_text(Side *s, const char *text)
{
    char *msg = NULL;
    gcry_error_t err = otrl_message_sending(s->us, &ops, s, s->account, s->protocol, s->buddy,
        OTRL_INSTAG_BEST, text, NULL, &msg, OTRL_FRAGMENT_SEND_ALL, NULL, NULL, NULL);
    if (!err && !msg) cb_inject(s, NULL, NULL, NULL, text); /* unchanged: send as typed */
    otrl_message_free(msg);
    return err;
}

/* Hands one wire line to libotr; returns 1 if libotr swallowed it, else the shown text. */
static int receive_text(Side *s, const char *line, char **shown)
{
    char *newmsg = NULL;
    OtrlTLV *tlvs = NULL;
    int ignore;
    s->decrypted = 0;
    ignore = otrl_message_receiving(s->us, &ops, s, s->account, s->protocol, s->buddy, line,
                                    &newmsg, &tlvs, NULL, NULL, NULL);
    otrl_tlv_free(tlvs);
    *shown = ignore ? NULL : strdup(newmsg ? newmsg : line);
    otrl_message_free(newmsg);
    return ignore;
}

static void init_side(Side *s, const char *account, const char *protocol, const char *buddy,
                      const char *keyfile)
{
    gcry_error_t err;
    s->us = otrl_userstate_create();
    s->account = account;
    s->protocol = protocol;
    s->buddy = buddy;
    if (keyfile && *keyfile && (err = otrl_privkey_read(s->us, keyfile))) {
        fprintf(stderr, "reading key file %s: %s\n", keyfile, gcry_strerror(err));
        exit(1);
    }
}

/* ---- peer mode commands ---- */

static const char *msgstate_name(OtrlMessageState m)
{
    return m == OTRL_MSGSTATE_ENCRYPTED ? "encrypted" :
           m == OTRL_MSGSTATE_FINISHED ? "finished" : "plaintext";
}

static void cmd_status(Side *s)
{
    static const char *auth[] = {"none", "awaiting_dhkey", "awaiting_revealsig",
                                 "awaiting_sig", "v1_setup"};
    ConnContext *c = best_context(s);
    OtrlInsTag *tag = otrl_instag_find(s->us, s->account, s->protocol);
    printf("status");
    kv_num("our_instance", tag ? tag->instag : 0);
    if (c) {
        Fingerprint *fp = c->active_fingerprint;
        printf(" msgstate=%s auth=%s", msgstate_name(c->msgstate),
               auth[c->auth.authstate <= OTRL_AUTHSTATE_V1_SETUP ? c->auth.authstate : 0]);
        kv_num("version", c->protocol_version);
        kv_num("their_instance", c->their_instance);
        kv_hex("their_fp", fp && fp->fingerprint ? fp->fingerprint : NULL,
               fp && fp->fingerprint ? 20 : 0);
        kv_str("their_trust", fp ? fp->trust : NULL);
        kv_hex("ssid", c->sessionid, c->msgstate == OTRL_MSGSTATE_ENCRYPTED ? c->sessionid_len : 0);
        printf(" ssid_half=%s", c->sessionid_half == OTRL_SESSIONID_FIRST_HALF_BOLD ? "first" : "second");
        if (c->smstate) {
            kv_num("smp_expect", c->smstate->nextExpected + 1);
            printf(" smp_prog=%d", (int)c->smstate->sm_prog_state);
        }
    }
    printf("\n");
}

static void cmd_recv(Side *s, const char *line)
{
    char *shown = NULL;
    if (receive_text(s, line, &shown)) { printf("ignore\n"); return; }
    printf("event message");
    kv_str("text", shown);
    kv_num("encrypted", s->decrypted);
    printf("\n");
    free(shown);
}

static void cmd_symkey(Side *s, ConnContext *c, const char *use, const char *data, size_t len)
{
    unsigned char key[OTRL_EXTRAKEY_BYTES];
    gcry_error_t err = otrl_message_symkey(s->us, &ops, s, c, (unsigned)strtoul(use, NULL, 10),
                                           (const unsigned char *)data, len, key);
    if (err) { printf("event error"); kv_str("text", gcry_strerror(err)); printf("\n"); return; }
    printf("value");
    kv_hex("key", key, sizeof key);
    printf("\n");
}

/* Runs one command line; returns an error text or NULL. argv[i] are already hex-decoded
 * where the protocol says so. */
static const char *run_command(Side *s, int argc, char **argv, size_t *lens)
{
    const char *cmd = argv[0];
    ConnContext *c = best_context(s);
    int needs_ctx = !strcmp(cmd, "smp_start") || !strcmp(cmd, "smp_answer") ||
                    !strcmp(cmd, "smp_abort") || !strcmp(cmd, "symkey");
    if (needs_ctx && !c) return "no context for the buddy yet";
    if (!strcmp(cmd, "fingerprint")) {
        unsigned char fp[20];
        if (!otrl_privkey_fingerprint_raw(s->us, fp, s->account, s->protocol)) return "no private key";
        printf("value"); kv_hex("key", fp, 20); printf("\n");
    } else if (!strcmp(cmd, "instag")) {
        OtrlInsTag *tag = otrl_instag_find(s->us, s->account, s->protocol);
        if (!tag) { cb_create_instag(s, s->account, s->protocol); tag = otrl_instag_find(s->us, s->account, s->protocol); }
        printf("value"); kv_num("use", tag ? tag->instag : 0); printf("\n");
    } else if (!strcmp(cmd, "query")) {
        char *q = otrl_proto_default_query_msg(s->account, s->policy);
        cb_inject(s, NULL, NULL, NULL, q);
        free(q);
    } else if (!strcmp(cmd, "send") && argc == 2) {
        gcry_error_t err = send_text(s, argv[1]);
        if (err) { printf("event error"); kv_str("text", gcry_strerror(err)); printf("\n"); }
    } else if (!strcmp(cmd, "recv") && argc == 2) {
        cmd_recv(s, argv[1]);
    } else if (!strcmp(cmd, "smp_start") && argc == 2) {
        otrl_message_initiate_smp(s->us, &ops, s, c, (unsigned char *)argv[1], lens[1]);
    } else if (!strcmp(cmd, "smp_start") && argc == 3) {
        otrl_message_initiate_smp_q(s->us, &ops, s, c, argv[2], (unsigned char *)argv[1], lens[1]);
    } else if (!strcmp(cmd, "smp_answer") && argc == 2) {
        otrl_message_respond_smp(s->us, &ops, s, c, (unsigned char *)argv[1], lens[1]);
    } else if (!strcmp(cmd, "smp_abort")) {
        otrl_message_abort_smp(s->us, &ops, s, c);
    } else if (!strcmp(cmd, "symkey") && argc == 3) {
        cmd_symkey(s, c, argv[1], argv[2], lens[2]);
    } else if (!strcmp(cmd, "disconnect")) {
        otrl_message_disconnect(s->us, &ops, s, s->account, s->protocol, s->buddy, OTRL_INSTAG_BEST);
    } else if (!strcmp(cmd, "status")) {
        cmd_status(s);
    } else if (!strcmp(cmd, "poll")) {
        otrl_message_poll(s->us, &ops, s);
    } else {
        return "unknown command or wrong argument count";
    }
    return NULL;
}

/* Reads commands "NAME [ARG...]" until EOF or "quit". Arguments other than symkey's use
 * number are hex. */
static int peer_loop(Side *s)
{
    char *line = NULL, *argv[4];
    size_t cap = 0, lens[4];
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) > 0) {
        int argc = 0, i, bad = 0;
        const char *err;
        char *tok, *save = NULL;
        line[strcspn(line, "\r\n")] = '\0';
        for (tok = strtok_r(line, " ", &save); tok && argc < 4; tok = strtok_r(NULL, " ", &save)) {
            int raw = argc == 0 || (argc == 1 && !strcmp(argv[0], "symkey"));
            argv[argc] = raw ? strdup(tok) : unhex(tok, &lens[argc]);
            if (!argv[argc]) bad = 1; else argc++;
        }
        if (tok) bad = 1;
        if (argc == 0 || bad) err = "malformed command line";
        else if (!strcmp(argv[0], "quit")) break;
        else err = run_command(s, argc, argv, lens);
        if (err) fail("%s", err); else printf("ok\n");
        fflush(stdout);
        for (i = 0; i < argc; i++) free(argv[i]);
    }
    free(line);
    return 0;
}

/* ---- bench mode ---- */

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Delivers queued messages in both directions until both inboxes are empty. */
static void pump(Side *a, Side *b)
{
    Side *sides[2] = {a, b};
    int busy = 1, i;
    while (busy) {
        busy = 0;
        for (i = 0; i < 2; i++) {
            char *msg = queue_pop(&sides[i]->inbox), *shown = NULL;
            if (!msg) continue;
            busy = 1;
            if (!receive_text(sides[i], msg, &shown)) {
                free(sides[i]->last_shown);
                sides[i]->last_shown = shown;
            }
            free(msg);
        }
    }
}

static int encrypted(Side *s)
{
    ConnContext *c = best_context(s);
    return c && c->msgstate == OTRL_MSGSTATE_ENCRYPTED;
}

/* One complete AKE between fresh contexts: query -> commit -> key -> revealsig -> sig. */
static const char *bench_ake(Side *a, Side *b, double *elapsed)
{
    char *query;
    double t0;
    otrl_context_forget_all(a->us);
    otrl_context_forget_all(b->us);
    t0 = now_ns();
    query = otrl_proto_default_query_msg(a->account, a->policy);
    queue_push(&b->inbox, query);
    free(query);
    pump(a, b);
    *elapsed += now_ns() - t0;
    return encrypted(a) && encrypted(b) ? NULL : "AKE did not reach encrypted state";
}

static const char *bench_message(Side *from, Side *to, double *elapsed)
{
    static const char text[] = "The quick brown fox jumps over the lazy dog, again and again.";
    double t0 = now_ns();
    if (send_text(from, text)) return "send failed";
    pump(from, to);
    *elapsed += now_ns() - t0;
    return to->last_shown && !strcmp(to->last_shown, text) ? NULL : "message not decrypted";
}

static const char *bench_smp(Side *a, Side *b, double *elapsed)
{
    static const unsigned char secret[] = "correct horse battery staple";
    double t0 = now_ns();
    a->smp_result = b->smp_result = b->smp_asked = 0;
    otrl_message_initiate_smp(a->us, &ops, a, best_context(a), secret, sizeof secret - 1);
    pump(a, b);
    if (!b->smp_asked) return "SMP request not received";
    otrl_message_respond_smp(b->us, &ops, b, best_context(b), secret, sizeof secret - 1);
    pump(a, b);
    *elapsed += now_ns() - t0;
    return a->smp_result == 1 && b->smp_result == 1 ? NULL : "SMP did not succeed";
}

/* One otrl_privkey_generate (DSA-1024 parameters and key, written to a scratch key file). */
static char keygen_path[] = "/tmp/otr-bench-keygen-XXXXXX";
static OtrlUserState keygen_us;

static const char *bench_keygen(double *elapsed)
{
    double t0;
    gcry_error_t err;
    if (!keygen_us) {
        int fd = mkstemp(keygen_path);
        if (fd < 0) return "cannot create a scratch key file";
        close(fd);
        keygen_us = otrl_userstate_create();
    }
    t0 = now_ns();
    err = otrl_privkey_generate(keygen_us, keygen_path, "bench@example", "prpl-bench");
    *elapsed += now_ns() - t0;
    return err ? "otrl_privkey_generate failed" : NULL;
}

static int bench(const char *kind, long n, char **args)
{
    Side a = {0}, b = {0};
    double elapsed = 0, setup = 0;
    const char *err = NULL;
    long i;
    init_side(&a, args[0], args[4], args[2], args[1]);
    init_side(&b, args[2], args[4], args[0], args[3]);
    a.policy = b.policy = OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_ALLOW_V3;
    a.other = &b;
    b.other = &a;
    if (strcmp(kind, "ake") && strcmp(kind, "keygen")) err = bench_ake(&a, &b, &setup);
    for (i = 0; i < n && !err; i++) {
        if (!strcmp(kind, "ake")) err = bench_ake(&a, &b, &elapsed);
        else if (!strcmp(kind, "msg")) err = i % 2 ? bench_message(&b, &a, &elapsed) : bench_message(&a, &b, &elapsed);
        else if (!strcmp(kind, "msg1")) err = bench_message(&a, &b, &elapsed);
        else if (!strcmp(kind, "smp")) err = bench_smp(&a, &b, &elapsed);
        else if (!strcmp(kind, "keygen")) err = bench_keygen(&elapsed);
        else err = "unknown bench kind";
    }
    if (keygen_us) unlink(keygen_path);
    if (err) { fail("bench %s: %s", kind, err); return 1; }
    printf("value use=%.0f\nok\n", elapsed);
    return 0;
}

/* ---- key file modes ---- */

static int keygen(const char *path, const char *account, const char *protocol)
{
    OtrlUserState us = otrl_userstate_create();
    FILE *f = fopen(path, "r");
    gcry_error_t err = 0;
    if (f) { err = otrl_privkey_read_FILEp(us, f); fclose(f); }
    if (!err) err = otrl_privkey_generate(us, path, account, protocol);
    if (err) { fail("keygen: %s", gcry_strerror(err)); return 1; }
    printf("ok\n");
    return 0;
}

static int fingerprints(const char *path)
{
    OtrlUserState us = otrl_userstate_create();
    OtrlPrivKey *k;
    gcry_error_t err = otrl_privkey_read(us, path);
    if (err) { fail("reading %s: %s", path, gcry_strerror(err)); return 1; }
    for (k = us->privkey_root; k; k = k->next) {
        char human[OTRL_PRIVKEY_FPRINT_HUMAN_LEN];
        otrl_privkey_fingerprint(us, human, k->accountname, k->protocol);
        printf("fp");
        kv_str("name", k->accountname);
        kv_str("text", k->protocol);
        kv_str("key", human);
        printf("\n");
    }
    printf("ok\n");
    return 0;
}

int main(int argc, char **argv)
{
    OTRL_INIT;
    if (argc == 8 && !strcmp(argv[1], "peer")) {
        Side s = {0};
        init_side(&s, argv[2], argv[3], argv[4], argv[7]);
        s.policy = strcmp(argv[5], "default") ? (OtrlPolicy)strtoul(argv[5], NULL, 0) : OTRL_POLICY_DEFAULT;
        s.fragsize = atoi(argv[6]);
        return peer_loop(&s);
    }
    if (argc == 9 && !strcmp(argv[1], "bench")) return bench(argv[2], atol(argv[3]), argv + 4);
    if (argc == 5 && !strcmp(argv[1], "keygen")) return keygen(argv[2], argv[3], argv[4]);
    if (argc == 3 && !strcmp(argv[1], "fingerprints")) return fingerprints(argv[2]);
    fprintf(stderr, "usage: see the comment at the top of helper.c\n");
    return 2;
}
