/*
 * The OpenAPI 3 description of the Event API, docs/openapi.json, embedded
 * at build time (cmake/embed.cmake) so GET /api/openapi.json serves the
 * document this server was built with, and tests can hold the route table
 * against it.
 */
#ifndef EVTOP_MOCK_OPENAPI_H
#define EVTOP_MOCK_OPENAPI_H

#include <stddef.h>

/* The file's bytes, followed by a NUL that openapi_doc_len leaves out. */
extern const unsigned char	openapi_doc[];
extern const size_t		openapi_doc_len;

#endif
