/** The activity feed: every workspace event fanned out to that workspace's members, newest first per user. */
package dev.taskmesh.query.feed;
