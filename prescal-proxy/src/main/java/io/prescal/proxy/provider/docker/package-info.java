/**
 * Backends as Docker containers through the Docker Engine API (docker-java, httpclient5 transport):
 * one shared {@link io.prescal.proxy.provider.docker.DockerEngine} per proxy, one {@link
 * io.prescal.proxy.provider.docker.DockerProvider} per service. Containers are labeled, adopted
 * after a restart, and their deaths come from the engine's event stream.
 */
package io.prescal.proxy.provider.docker;
