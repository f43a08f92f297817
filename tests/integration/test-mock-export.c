/*
 * The guest list of the real evtop-mock ($EVTOP_MOCK) at a few thousand
 * guests, as a client sees it: the CSV export streamed in many chunks
 * (EVTOP_MOCK_EXPORT_ROWS=7), byte for byte what the list says, while the
 * server goes on answering and writing, and after clients hang up half-way;
 * and searches, deep pages of every sort, against the list filtered here.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "support-mock.h"
#include "test.h"

/* Seconds: only a guard against hangs, never asserted. */
#define DEADLINE	60
#define GUESTS		8000
#define BIG_GUESTS	5000
#define PER_IMPORT	800
/*
 * Bytes of notes a guest of the big event: its export (5 MB) is more than
 * the socket buffers hold (4 MB at most here), so a client that stops
 * reading stops the export half-way.
 */
#define NOTES		1000
#define ROWS		7	/* rows the export reads at a time */

static struct mockproc	 mock = { -1, NULL };
static char		*admin;
static int64_t		 event;		/* GUESTS guests, tricky ones */
static int64_t		 big_event;	/* BIG_GUESTS guests, long notes */

/* The names that try the CSV's quoting and formula guard. */
static const char *const tricky[] = {
	"Lovelace, Ada", "Say \"hi\"", "=HYPERLINK(\"x\")", "+351 912",
	"-minus", "@at", "Comma, \"and\" quote", "Semi;colon", "Crème Brûlée",
	"plain",
};

static void
call(const char *method, const char *path, const char *body,
    const char *type, struct reply *r)
{
	support_http_ex(mock.url, method, path, body, admin, type, NULL, r);
}

/*
 * Imports n guests into ev.  With long notes each has NOTES bytes of
 * notes; else every tenth has a tricky name, and some tricky notes.
 */
static void
import_guests(int64_t ev, int n, int long_notes)
{
	json_t		*list, *g;
	struct reply	 r;
	char		 name[64], email[64], notes[NOTES + 1], path[64], *body;
	int		 i, j;

	snprintf(path, sizeof path, "/api/events/%lld/guests", (long long)ev);
	for (i = 0; i < n; i += PER_IMPORT) {
		list = json_array();
		for (j = i; j < i + PER_IMPORT && j < n; j++) {
			if (j % 10 == 0 && !long_notes)
				snprintf(name, sizeof name, "%s %d",
				    tricky[(j / 10) % 10], j);
			else
				snprintf(name, sizeof name, "Guest %05d",
				    (j * 7919) % n);
			snprintf(email, sizeof email, "guest%05d@example.org",
			    j);
			notes[0] = '\0';
			if (long_notes) {
				memset(notes, 'a' + j % 26, NOTES);
				notes[NOTES] = '\0';
			} else if (j % 10 == 7)
				snprintf(notes, sizeof notes, "=1+2\nline \"%d\""
				    "\r\nlast", j);
			g = json_pack("{ss ss ss ss}", "name", name, "email",
			    email, "notes", notes, "rsvp_status", j % 4 == 0 ?
			    "declined" : "accepted");
			if (j % 5 == 0)
				json_object_set_new(g, "phone",
				    json_string("+44 20 7946 0000"));
			json_array_append_new(list, g);
		}
		g = json_pack("{so}", "guests", list);
		body = json_dumps(g, JSON_COMPACT);
		json_decref(g);
		call("POST", path, body, NULL, &r);
		CHECK_INT(r.status, 201);
		CHECK_INT(json_integer_value(json_object_get(r.json,
		    "imported")), j - i);
		reply_done(&r);
		free(body);
	}
}

/* Every guest of ev's list for query qs (no page), in its order. */
static json_t *
list_all(int64_t ev, const char *qs)
{
	json_t		*all = json_array(), *page;
	struct reply	 r;
	char		 path[256];
	int		 n;

	for (n = 1; n < 100; n++) {
		snprintf(path, sizeof path, "/api/events/%lld/guests?%s%s"
		    "per_page=500&page=%d", (long long)ev, qs,
		    *qs != '\0' ? "&" : "", n);
		call("GET", path, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		page = json_object_get(r.json, "guests");
		json_array_extend(all, page);
		if (json_array_size(page) < 500) {
			reply_done(&r);
			break;
		}
		reply_done(&r);
	}
	return (all);
}

/*
 * A CSV field as the export's contract says (docs/evtop-mock.md): quoted
 * when it holds a comma, quote or line break, and a ' in front of what a
 * spreadsheet would run as a formula.
 */
static void
csv_field(FILE *f, const char *s, int first)
{
	int	guard = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;

	if (!first)
		fputc(',', f);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		if (guard)
			fputc('\'', f);
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The CSV the export must send for the guests of list, in order. */
static char *
expected_csv(const json_t *list, size_t *len)
{
	static const char *const keys[] = {
		"name", "email", "phone", "rsvp_status", "ticket_code",
		"invited_at", "responded_at", "checked_in_at", "notes",
		"created_at"
	};
	const json_t	*g, *v;
	FILE		*f;
	char		*out = NULL, id[32];
	size_t		 i, k;

	f = open_memstream(&out, len);
	fputs("id,name,email,phone,rsvp_status,ticket_code,invited_at,"
	    "responded_at,checked_in_at,notes,created_at\r\n", f);
	json_array_foreach(list, i, g) {
		snprintf(id, sizeof id, "%lld", (long long)json_integer_value(
		    json_object_get(g, "id")));
		csv_field(f, id, 1);
		for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
			v = json_object_get(g, keys[k]);
			csv_field(f, json_is_string(v) ?
			    json_string_value(v) : "", 0);
		}
		fputs("\r\n", f);
	}
	fclose(f);
	return (out);
}

/* A raw HTTP/1.x exchange, to see the chunks and to hang up half-way. */
struct raw {
	int	fd;
	int	closed;		/* the server hung up at the end */
	char	buf[16384];
	size_t	len;
	size_t	off;
};

static int
raw_open(struct raw *c, const char *path, int small, const char *version)
{
	struct sockaddr_in	 sin;
	const char		*port = strrchr(mock.url, ':');
	char			*req;
	int			 size = 4096, n;

	memset(c, 0, sizeof *c);
	if ((c->fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return (-1);
	/* A small window: the server cannot send much ahead of the reader. */
	if (small)
		setsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)atoi(port + 1));
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(c->fd, (struct sockaddr *)&sin, sizeof sin) != 0)
		return (-1);
	n = asprintf(&req, "GET %s %s\r\nHost: 127.0.0.1\r\n"
	    "Authorization: Bearer %s\r\n\r\n", path, version, admin);
	if (n < 0 || write(c->fd, req, (size_t)n) != n) {
		free(req);
		return (-1);
	}
	free(req);
	return (0);
}

/* The next byte, -1 at the end or after DEADLINE. */
static int
raw_byte(struct raw *c)
{
	struct pollfd	pfd = { c->fd, POLLIN, 0 };
	ssize_t		n;

	if (c->off == c->len) {
		if (poll(&pfd, 1, DEADLINE * 1000) != 1)
			return (-1);
		if ((n = read(c->fd, c->buf, sizeof c->buf)) <= 0) {
			c->closed = (n == 0);
			return (-1);
		}
		c->len = (size_t)n;
		c->off = 0;
	}
	return ((unsigned char)c->buf[c->off++]);
}

/* Reads a line without its CRLF into line; -1 at the end. */
static int
raw_line(struct raw *c, char *line, size_t size)
{
	size_t	n = 0;
	int	ch;

	while ((ch = raw_byte(c)) != -1 && ch != '\n') {
		if (n + 1 < size && ch != '\r')
			line[n++] = (char)ch;
	}
	line[n] = '\0';
	return (ch == -1 ? -1 : 0);
}

/*
 * The status line and headers: the status, with *chunked set when the
 * body comes in chunks, *sized when it has a Content-Length, *etag when
 * it has an ETag.
 */
static int
raw_headers(struct raw *c, int *chunked, int *sized, int *etag)
{
	char	line[1024];
	int	status = 0;

	*chunked = *sized = *etag = 0;
	if (raw_line(c, line, sizeof line) != 0 ||
	    sscanf(line, "HTTP/1.%*d %d", &status) != 1)
		return (-1);
	while (raw_line(c, line, sizeof line) == 0 && line[0] != '\0') {
		if (strcasecmp(line, "transfer-encoding: chunked") == 0)
			*chunked = 1;
		if (strncasecmp(line, "content-length:", 15) == 0)
			*sized = 1;
		if (strncasecmp(line, "etag:", 5) == 0)
			*etag = 1;
	}
	return (status);
}

/* One chunk of the body into f: its size, 0 for the last, -1 when cut. */
static long
raw_chunk(struct raw *c, FILE *f)
{
	char	line[64], *end;
	long	size, i;
	int	ch;

	if (raw_line(c, line, sizeof line) != 0)
		return (-1);
	size = strtol(line, &end, 16);
	if (end == line || *end != '\0' || size < 0)
		return (-1);
	for (i = 0; i < size; i++) {
		if ((ch = raw_byte(c)) == -1)
			return (-1);
		fputc(ch, f);
	}
	if (raw_line(c, line, sizeof line) != 0 || line[0] != '\0')
		return (-1);
	return (size);
}

/* The rest of a chunked body: the number of chunks, or -1 when cut. */
static long
raw_body(struct raw *c, FILE *f)
{
	long	n = 0, size;

	while ((size = raw_chunk(c, f)) > 0)
		n++;
	return (size == 0 ? n : -1);
}

static void
export_path(char *path, size_t size, int64_t ev, const char *qs)
{
	snprintf(path, size, "/api/events/%lld/guests.csv%s%s",
	    (long long)ev, *qs != '\0' ? "?" : "", qs);
}

/*
 * The whole export by name, read ROWS rows at a time and sent in as many
 * pieces, is exactly the list as CSV: order, quoting, guard, no BOM.
 */
static void
test_export_exact(void)
{
	struct raw	 c;
	json_t		*all;
	FILE		*f;
	char		 path[128], *want, *got = NULL;
	size_t		 want_len, got_len = 0;
	long		 chunks;
	int		 status, chunked, sized, etag;

	all = list_all(event, "");
	CHECK_INT(json_array_size(all), GUESTS);
	want = expected_csv(all, &want_len);
	export_path(path, sizeof path, event, "");
	CHECK_INT(raw_open(&c, path, 0, "HTTP/1.1"), 0);
	status = raw_headers(&c, &chunked, &sized, &etag);
	CHECK_INT(status, 200);
	CHECK(chunked);
	CHECK(!sized);
	CHECK(!etag);	/* a streamed answer has none */
	f = open_memstream(&got, &got_len);
	chunks = raw_body(&c, f);
	fclose(f);
	close(c.fd);
	/*
	 * A piece holds what at most 4 reads of ROWS rows gave: the file
	 * left as it was read, in hundreds of pieces.
	 */
	CHECK(chunks >= GUESTS / (ROWS * 4));
	CHECK(got_len == want_len && memcmp(got, want, want_len) == 0);
	CHECK(strncmp(got, "id,name,", 8) == 0);
	CHECK(strstr(got, ",\"Lovelace, Ada 0\",") != NULL);
	CHECK(strstr(got, ",\"'=HYPERLINK(\"\"x\"\") 20\",") != NULL);
	CHECK(strstr(got, ",'+351 912 30,") != NULL);
	CHECK(strstr(got, ",\"Comma, \"\"and\"\" quote 60\",") != NULL);
	CHECK(strstr(got, ",\"'=1+2\nline \"\"17\"\"\r\nlast\",") != NULL);
	CHECK(strstr(got, ",'+44 20 7946 0000,") != NULL);
	free(got);
	free(want);
	json_decref(all);
}

/*
 * HTTP/1.0 has no chunks: the same bytes, no Transfer-Encoding, and the
 * server hangs up to end the body (a keep-alive asked for or not).
 */
static void
test_export_http10(void)
{
	struct raw	 c;
	json_t		*all;
	FILE		*f;
	char		 path[128], *want, *got = NULL;
	size_t		 want_len, got_len = 0;
	int		 status, chunked, sized, etag, ch;

	all = list_all(event, "");
	want = expected_csv(all, &want_len);
	export_path(path, sizeof path, event, "");
	CHECK_INT(raw_open(&c, path, 0, "HTTP/1.0"), 0);
	status = raw_headers(&c, &chunked, &sized, &etag);
	CHECK_INT(status, 200);
	CHECK(!chunked);
	CHECK(!sized);
	f = open_memstream(&got, &got_len);
	while ((ch = raw_byte(&c)) != -1)
		fputc(ch, f);
	fclose(f);
	CHECK(c.closed);
	close(c.fd);
	CHECK(got_len == want_len && memcmp(got, want, want_len) == 0);
	free(got);
	free(want);
	json_decref(all);
}

/* Filters and sorts stream as the list gives them (through libcurl). */
static void
test_export_filtered(void)
{
	static const char *const queries[] = {
		"q=%20&sort=-created", "rsvp=declined&sort=-name",
		"q=GUEST01&sort=checked_in", "q=nobody",
	};
	struct reply	 r;
	json_t		*all;
	char		 path[128], *want;
	size_t		 i, want_len;

	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		all = list_all(event, queries[i]);
		want = expected_csv(all, &want_len);
		export_path(path, sizeof path, event, queries[i]);
		call("GET", path, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(strncmp(r.type, "text/csv", 8) == 0);
		CHECK(r.len == want_len && r.body != NULL &&
		    memcmp(r.body, want, want_len) == 0);
		if (r.len != want_len)
			fprintf(stderr, "%s: %zu bytes, want %zu\n",
			    queries[i], r.len, want_len);
		reply_done(&r);
		free(want);
		json_decref(all);
	}
}

/*
 * With an export stalled half-way on a slow reader, the server answers
 * others and takes writes; the export then goes on from where it was:
 * the guest added meanwhile is at its end (creation order), the one
 * removed ahead of it is not there.
 */
static void
test_export_meanwhile(void)
{
	struct raw	 c;
	struct reply	 r;
	json_t		*all, *last;
	FILE		*f;
	char		 path[128], *got = NULL, body[128];
	size_t		 got_len = 0;
	int		 status, chunked, sized, etag;

	all = list_all(big_event, "sort=-created");
	last = json_array_get(all, 0);
	export_path(path, sizeof path, big_event, "sort=created");
	CHECK_INT(raw_open(&c, path, 1, "HTTP/1.1"), 0);
	status = raw_headers(&c, &chunked, &sized, &etag);
	CHECK_INT(status, 200);
	f = open_memstream(&got, &got_len);
	CHECK(raw_chunk(&c, f) > 0);

	CHECK_INT(support_status(mock.url, "GET", "/api/health", NULL, NULL),
	    200);
	snprintf(path, sizeof path, "/api/guests/%lld",
	    (long long)json_integer_value(json_object_get(last, "id")));
	call("DELETE", path, NULL, NULL, &r);
	CHECK(r.status == 200 || r.status == 204);
	reply_done(&r);
	snprintf(path, sizeof path, "/api/events/%lld/guests",
	    (long long)big_event);
	snprintf(body, sizeof body, "{\"name\":\"Late Comer\","
	    "\"email\":\"late@example.org\"}");
	call("POST", path, body, NULL, &r);
	CHECK_INT(r.status, 201);
	reply_done(&r);

	CHECK(raw_body(&c, f) > 0);
	fclose(f);
	close(c.fd);
	CHECK(got_len > 100 && memcmp(got + got_len - 2, "\r\n", 2) == 0);
	CHECK(strstr(got, json_string_value(json_object_get(last,
	    "email"))) == NULL);
	/* The last row is the guest added meanwhile. */
	CHECK(got_len > 100 && strstr(got + got_len - 300,
	    ",Late Comer,late@example.org,") != NULL);
	free(got);
	json_decref(all);
}

/*
 * Clients that hang up half-way (after some chunks, or before reading
 * any): the server frees the export (the sanitizer build's leak check
 * runs when the mock stops), and goes on serving and exporting.
 */
static void
test_export_hangup(void)
{
	struct raw	 c;
	struct reply	 r;
	FILE		*f;
	char		 path[128], *got = NULL;
	size_t		 got_len = 0, lines = 0, i;
	int		 status, chunked, sized, etag, n;

	export_path(path, sizeof path, big_event, "");
	for (n = 0; n < 3; n++) {
		CHECK_INT(raw_open(&c, path, 1, "HTTP/1.1"), 0);
		status = raw_headers(&c, &chunked, &sized, &etag);
		CHECK_INT(status, 200);
		f = open_memstream(&got, &got_len);
		for (i = 0; i < (size_t)n * 5; i++)
			CHECK(raw_chunk(&c, f) > 0);
		fclose(f);
		free(got);
		got = NULL;
		close(c.fd);
	}
	CHECK_INT(support_status(mock.url, "GET", "/api/health", NULL, NULL),
	    200);
	call("GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	for (i = 0; i + 1 < r.len; i++) {
		if (r.body[i] == '\r' && r.body[i + 1] == '\n')
			lines++;
	}
	CHECK_INT(lines, BIG_GUESTS + 1);	/* the header and the guests */
	CHECK(r.len > 2 && memcmp(r.body + r.len - 2, "\r\n", 2) == 0);
	reply_done(&r);
}

static size_t
h2_write(char *p, size_t size, size_t n, void *arg)
{
	return (fwrite(p, size, n, arg));
}

/* A GET over HTTP/2 (curl upgrades with h2c): the status, body in *body. */
static long
h2_get(const char *path, char **body, size_t *len, long *version)
{
	struct curl_slist	*headers;
	CURL			*e;
	FILE			*f;
	char			*url, *auth;
	long			 status = 0;

	*version = 0;
	if (asprintf(&url, "%s%s", mock.url, path) < 0 ||
	    asprintf(&auth, "Authorization: Bearer %s", admin) < 0)
		return (0);
	headers = curl_slist_append(NULL, auth);
	f = open_memstream(body, len);
	e = curl_easy_init();
	curl_easy_setopt(e, CURLOPT_URL, url);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2_0);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, h2_write);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, f);
	curl_easy_setopt(e, CURLOPT_TIMEOUT, (long)DEADLINE);
	if (curl_easy_perform(e) == CURLE_OK) {
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
		curl_easy_getinfo(e, CURLINFO_HTTP_VERSION, version);
	}
	curl_easy_cleanup(e);
	fclose(f);
	curl_slist_free_all(headers);
	free(auth);
	free(url);
	return (status);
}

/*
 * Over HTTP/2 (an h2c upgrade) HTTP/2 frames the export itself: the same
 * bytes as over HTTP/1.1, no chunk lines; and a plain answer arrives too.
 */
static void
test_export_http2(void)
{
	struct reply	 r;
	char		 path[128], *body = NULL;
	size_t		 len = 0;
	long		 version;

	export_path(path, sizeof path, event, "q=GUEST01");
	call("GET", path, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK_INT(h2_get(path, &body, &len, &version), 200);
	CHECK_INT(version, CURL_HTTP_VERSION_2_0);
	CHECK(len == r.len && body != NULL && r.body != NULL &&
	    memcmp(body, r.body, len) == 0);
	reply_done(&r);
	free(body);
	body = NULL;
	snprintf(path, sizeof path, "/api/events/%lld/guests?per_page=5",
	    (long long)event);
	CHECK_INT(h2_get(path, &body, &len, &version), 200);
	CHECK(len > 0 && body != NULL && strncmp(body, "{\"guests\":[", 11)
	    == 0);
	free(body);
}

/* 1 when s contains q, ASCII letters in any case (as SQL's LIKE). */
static int
contains(const char *s, const char *q)
{
	size_t	i, n = strlen(q);

	for (; *s != '\0'; s++) {
		for (i = 0; i < n && s[i] != '\0'; i++) {
			if (tolower((unsigned char)s[i]) !=
			    tolower((unsigned char)q[i]))
				break;
		}
		if (i == n)
			return (1);
	}
	return (0);
}

/*
 * A search's page and total are those of the whole list (read without
 * q, in the same sort) filtered here: deep pages, every sort.
 */
static void
test_search(void)
{
	static const char *const sorts[] = {
		"name", "-name", "created", "-created", "checked_in",
		"-checked_in",
	};
	static const struct {
		const char	*q;	/* as sent */
		const char	*text;	/* as matched */
		int		 page;
	} searches[] = {
		{ "example", "example", 150 },		/* all: the last page */
		{ "example", "example", 100 },
		{ "GUEST01", "guest01", 20 },
		{ "%2C%20Ada", ", ada", 3 },
		{ "%25", "%", 1 },
		{ "_", "_", 1 },
	};
	struct reply	 r;
	json_t		*all, *g, *page;
	char		 qs[64], path[256];
	size_t		 s, i, k, total, first;
	const char	*name, *email, *code;

	for (s = 0; s < sizeof sorts / sizeof sorts[0]; s++) {
		snprintf(qs, sizeof qs, "sort=%s", sorts[s]);
		all = list_all(event, qs);
		for (i = 0; i < sizeof searches / sizeof searches[0]; i++) {
			snprintf(path, sizeof path, "/api/events/%lld/guests?"
			    "sort=%s&q=%s&per_page=50&page=%d",
			    (long long)event, sorts[s], searches[i].q,
			    searches[i].page);
			call("GET", path, NULL, NULL, &r);
			CHECK_INT(r.status, 200);
			page = json_object_get(r.json, "guests");
			total = 0;
			first = (size_t)(searches[i].page - 1) * 50;
			for (k = 0; k < json_array_size(all); k++) {
				g = json_array_get(all, k);
				name = json_string_value(json_object_get(g,
				    "name"));
				email = json_string_value(json_object_get(g,
				    "email"));
				code = json_string_value(json_object_get(g,
				    "ticket_code"));
				if (!contains(name, searches[i].text) &&
				    !contains(email, searches[i].text) &&
				    !contains(code, searches[i].text))
					continue;
				if (total >= first && total < first + 50)
					CHECK_INT(json_integer_value(
					    json_object_get(json_array_get(
					    page, total - first), "id")),
					    json_integer_value(
					    json_object_get(g, "id")));
				total++;
			}
			CHECK_INT(json_integer_value(json_object_get(r.json,
			    "total")), total);
			CHECK_INT(json_array_size(page), total <= first ? 0 :
			    total - first < 50 ? total - first : 50);
			reply_done(&r);
		}
		json_decref(all);
	}
}

static int64_t
make_event(void)
{
	struct reply	r;
	int64_t		id;

	call("POST", "/api/events", "{\"title\":\"Export test\","
	    "\"date_time\":\"2099-06-15T09:00:00Z\",\"location\":\"Hall\","
	    "\"max_capacity\":100}", NULL, &r);
	CHECK_INT(r.status, 201);
	id = json_integer_value(json_object_get(json_object_get(r.json,
	    "event"), "id"));
	reply_done(&r);
	return (id);
}

static void
test_start(void)
{
	const char	*args[] = { "--seed", "demo", NULL };

	/* Small chunks: 8,000 guests leave in over a thousand of them. */
	setenv("EVTOP_MOCK_EXPORT_ROWS", "7", 1);
	if (support_mock_start(&mock, args, 2) != 0)
		exit(1);
	admin = support_login(mock.url, "admin@example.com",
	    SUPPORT_DEMO_PASSWORD);
	if (admin == NULL)
		exit(1);
	event = make_event();
	big_event = make_event();
	import_guests(event, GUESTS, 0);
	import_guests(big_event, BIG_GUESTS, 1);
}

/* Stops cleanly: under the sanitizers, without a leak. */
static void
test_stop(void)
{
	CHECK_INT(support_mock_stop(&mock), 0);
	free(admin);
}

TEST_MAIN(
	TEST_CASE(test_start),
	TEST_CASE(test_export_exact),
	TEST_CASE(test_export_http10),
	TEST_CASE(test_export_filtered),
	TEST_CASE(test_export_http2),
	TEST_CASE(test_search),
	TEST_CASE(test_export_hangup),
	TEST_CASE(test_export_meanwhile),
	TEST_CASE(test_stop))
