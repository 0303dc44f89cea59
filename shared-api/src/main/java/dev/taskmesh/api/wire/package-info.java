/** What every feature shares on the wire: command answers, pages, rejections, strict id parsing. */
package dev.taskmesh.api.wire;
