/*
 * A reusable export button. Include async-export-api.js and this file, then:
 *
 *   AsyncExport.button(document.getElementById('here'), {
 *     sql: 'select * from KYLIN_SALES', project: 'learn_kylin',
 *     format: 'csv', fileName: 'sales', label: 'Export sales',
 *     apiBase: '/kylin/api',            // optional: where the API is (default: beside this script)
 *     authorization: 'Basic ...'        // optional: a header value, or a function returning one
 *   });
 *
 * The button submits the export, shows its progress beside itself, and downloads the file when it is ready.
 */
(function (global) {
  'use strict';

  function button(target, options) {
    var client = new AsyncExport.Client({ apiBase: options.apiBase });
    var wrapper = document.createElement('span');
    wrapper.className = 'async-export';
    var element = document.createElement('button');
    element.type = 'button';
    element.textContent = options.label || 'Export';
    var status = document.createElement('span');
    status.className = 'async-export-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    status.style.marginLeft = '8px';
    wrapper.appendChild(element);
    wrapper.appendChild(status);
    target.appendChild(wrapper);

    element.addEventListener('click', function () {
      client.authorization = typeof options.authorization === 'function' ? options.authorization()
        : options.authorization || null;
      element.disabled = true;
      status.textContent = 'Submitting…';
      client.submit({ sql: options.sql, project: options.project, format: options.format || 'csv',
        file_name: options.fileName || 'result', include_header: options.includeHeader !== false })
        .then(function (accepted) {
          if (accepted.status === 'FAILED') {
            return accepted;
          }
          return client.follow(accepted.queryID, function (s) {
            status.textContent = AsyncExport.describe(s, Date.now());
          });
        })
        .then(function (done) {
          if (done.status !== 'SUCCESSFUL') {
            throw new AsyncExport.ApiError('Failed: ' + done.info);
          }
          status.textContent = AsyncExport.describe(done, Date.now()) + ' – downloading';
          return client.download(done.queryID).then(function (name) { status.textContent = 'Downloaded ' + name; });
        })
        .catch(function (error) { status.textContent = error.message; })
        .then(function () { element.disabled = false; });
    });
    return element;
  }

  global.AsyncExport = Object.assign(global.AsyncExport || {}, { button: button });
})(window);
