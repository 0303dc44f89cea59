/** Composition: Axon storage, web wiring, the clock. */
package dev.taskmesh.server.config;
