/** The example of shared/spec/scenario-language.md, verbatim (a test fixture). */
export const SPEC_EXAMPLE = `# HTTP/2 client, one request after another (the case that 7c6f8b146 fixed)
engine seed

defaults
    mode http
    timeout http-keep-alive 10s

backend app
    http-reuse safe
    server s1 192.0.2.10:80
    server s2 192.0.2.11:80

servers
    s1 response-time 20ms

script
    open A h2
    A GET /one
    A GET /two
    A GET /three
    close A
`;
