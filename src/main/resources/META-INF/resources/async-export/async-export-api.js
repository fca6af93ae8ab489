/*
 * A small client for the async query API, shared by the export page and the export button.
 * AsyncExport.Client talks to {apiBase}/async_query... with the same authentication as the API: the page's own
 * session (as in a Kylin host) or an HTTP Basic header it is given.
 */
(function (global) {
  'use strict';

  var scriptUrl = document.currentScript ? document.currentScript.src : global.location.href;
  var defaultApiBase = new URL('../api', scriptUrl).href;

  function ApiError(message, status, code) {
    this.message = message;
    this.status = status;
    this.code = code;
  }
  ApiError.prototype = Object.create(Error.prototype);

  function Client(options) {
    options = options || {};
    this.apiBase = (options.apiBase || defaultApiBase).replace(/\/$/, '');
    this.authorization = options.authorization || null;
  }

  Client.prototype.headers = function (extra) {
    var headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
    if (this.authorization) {
      headers['Authorization'] = this.authorization;
    }
    return Object.assign(headers, extra || {});
  };

  Client.prototype.call = function (method, path, body) {
    var init = { method: method, credentials: 'same-origin',
      headers: this.headers(body ? { 'Content-Type': 'application/json' } : null) };
    if (body) {
      init.body = JSON.stringify(body);
    }
    return fetch(this.apiBase + path, init).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok || json.code !== '000') {
          throw new ApiError(json.msg || ('HTTP ' + response.status), response.status, json.error_code);
        }
        return json.data;
      });
    });
  };

  Client.prototype.projects = function () { return this.call('GET', '/async_query/projects'); };
  Client.prototype.submit = function (request) { return this.call('POST', '/async_query', request); };
  Client.prototype.status = function (id) { return this.call('GET', '/async_query/' + id + '/status'); };
  Client.prototype.list = function () { return this.call('GET', '/async_query?page_size=200'); };
  Client.prototype.stop = function (id) { return this.call('DELETE', '/async_query/stop/' + id); };
  Client.prototype.remove = function (id) { return this.call('DELETE', '/async_query/' + id); };

  /** A signed link to a SUCCESSFUL result: {url, path, expires_at}; it downloads without credentials until then. */
  Client.prototype.downloadLink = function (id) { return this.call('GET', '/async_query/' + id + '/download_link'); };

  /**
   * Downloads a SUCCESSFUL result through a download link, so the browser streams the file to disk itself, however
   * big, instead of this page holding it in memory. The link is checked first with a HEAD, which also names the
   * file; resolves with that name once the browser has the download.
   */
  Client.prototype.download = function (id) {
    var client = this;
    return this.downloadLink(id).then(function (link) {
      // The link's path is the server's view of itself; the API's base is where this page reaches it (a proxy...).
      var url = client.apiBase + '/async_query/link/' + id + link.path.substring(link.path.indexOf('?'));
      // No Authorization header: the link must work without one, as it will for the browser's own download.
      var check = { method: 'HEAD', credentials: 'same-origin', headers: { 'X-Requested-With': 'XMLHttpRequest' } };
      return fetch(url, check).then(function (response) {
        if (!response.ok) {
          var reason = response.status === 401
            ? 'This server asks for credentials for download links (in Kylin, see the plugin\'s kylinSecurity.xml line).'
            : 'The download link was refused (HTTP ' + response.status + ').';
          throw new ApiError(reason, response.status, null);
        }
        var name = fileName(response.headers.get('Content-Disposition')) || 'result';
        var anchor = document.createElement('a');
        anchor.href = url;
        anchor.download = name;
        anchor.rel = 'noopener';
        anchor.hidden = true;
        document.body.appendChild(anchor);
        anchor.click();
        anchor.remove();
        return name;
      });
    });
  };

  /** Polls a query until it finishes, telling onProgress each status on the way; resolves with the last. */
  Client.prototype.follow = function (id, onProgress, intervalMillis) {
    var client = this;
    return new Promise(function (resolve, reject) {
      function poll() {
        client.status(id).then(function (status) {
          onProgress(status);
          if (status.status === 'RUNNING') {
            setTimeout(poll, intervalMillis || 700);
          } else {
            resolve(status);
          }
        }, reject);
      }
      poll();
    });
  };

  function fileName(disposition) {
    if (!disposition) {
      return null;
    }
    var encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    if (encoded) {
      return decodeURIComponent(encoded[1]);
    }
    var plain = /filename="([^"]*)"/i.exec(disposition);
    return plain ? plain[1] : null;
  }

  function formatBytes(bytes) {
    if (bytes === null || bytes === undefined) {
      return '';
    }
    var units = ['B', 'KB', 'MB', 'GB', 'TB'];
    var value = bytes;
    var unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
  }

  function formatDuration(millis) {
    var seconds = Math.max(0, Math.round(millis / 1000));
    var minutes = Math.floor(seconds / 60);
    return minutes + ':' + String(seconds % 60).padStart(2, '0');
  }

  /** One line describing where a query is: queued, running with its progress, finished, or failed. */
  function describe(status, now) {
    if (status.status === 'RUNNING') {
      if (status.queue_position) {
        return 'Queued, position ' + status.queue_position;
      }
      if (status.start_time) {
        return 'Running: ' + (status.rows_written || 0).toLocaleString() + ' rows, '
          + formatBytes(status.bytes_written || 0) + ', ' + formatDuration(now - status.start_time) + ' elapsed';
      }
      return 'Starting…';
    }
    if (status.status === 'SUCCESSFUL') {
      return 'Finished: ' + (status.result_rows || 0).toLocaleString() + ' rows, ' + formatBytes(status.result_bytes);
    }
    if (status.status === 'FAILED') {
      return 'Failed';
    }
    return status.status;
  }

  global.AsyncExport = Object.assign(global.AsyncExport || {}, {
    Client: Client, ApiError: ApiError, formatBytes: formatBytes, formatDuration: formatDuration, describe: describe
  });
})(window);
