/**
 * Implementation of the Docker Engine builder: the HTTP transport (Unix socket, tcp, TLS), API
 * negotiation, the build, push, export and load streams. Not API.
 */
package io.github.ecrtoolkit.docker.internal;
