package io.ovsworkers.arakoon.client;

/** A node's version: numbers, and the build's {@code revision}/{@code compiled}/{@code machine} text. */
public record ArakoonVersion(int major, int minor, int patch, String info) {
}
