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

  /** Downloads a SUCCESSFUL result as a file named as the server says. */
  Client.prototype.download = function (id) {
    return fetch(this.apiBase + '/async_query/' + id + '/result_download',
      { credentials: 'same-origin', headers: this.headers({ 'Accept': '*/*' }) }).then(function (response) {
      if (!response.ok) {
        return response.json().catch(function () { return {}; }).then(function (json) {
          throw new ApiError(json.msg || ('HTTP ' + response.status), response.status, json.error_code);
        });
      }
      var name = fileName(response.headers.get('Content-Disposition')) || 'result';
      return response.blob().then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = name;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 10000);
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
