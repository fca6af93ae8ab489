/* The export page: sign in, submit an export, follow its progress, download it, and manage "My exports". */
(function () {
  'use strict';
  var AUTH_KEY = 'asyncExport.authorization';
  var USER_KEY = 'asyncExport.user';
  var client = new AsyncExport.Client({ authorization: sessionStorage.getItem(AUTH_KEY) });
  var $ = function (id) { return document.getElementById(id); };
  var listTimer = null;

  function show(id, visible) { $(id).hidden = !visible; }

  function start() {
    client.projects().then(signedIn, function (error) {
      if (error.code === 'ASYNC_QUERY_DISABLED') {
        // The server has async export switched off: nothing here can work, so no sign-in is offered.
        $('disabled-message').textContent = 'The server says: ' + error.message + '.';
        show('disabled', true);
      } else if (error.status === 401) {
        show('login', true);
        $('user').focus();
      } else {
        fail($('login-error'), error);
        show('login', true);
      }
    });
  }

  function signedIn(projects) {
    show('login', false);
    show('export', true);
    show('mine', true);
    var user = sessionStorage.getItem(USER_KEY);
    show('who', Boolean(user));
    $('who-name').textContent = user || '';
    var select = $('project');
    select.innerHTML = '';
    projects.forEach(function (project) {
      var option = document.createElement('option');
      option.value = option.textContent = project;
      select.appendChild(option);
    });
    refreshList();
  }

  $('login-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var user = $('user').value.trim();
    client.authorization = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + $('password').value)));
    client.projects().then(function (projects) {
      sessionStorage.setItem(AUTH_KEY, client.authorization);
      sessionStorage.setItem(USER_KEY, user);
      show('login-error', false);
      signedIn(projects);
    }, function (error) {
      client.authorization = null;
      fail($('login-error'), error.status === 401 ? { message: 'The user name or password is wrong.' } : error);
    });
  });

  $('sign-out').addEventListener('click', function () {
    sessionStorage.removeItem(AUTH_KEY);
    sessionStorage.removeItem(USER_KEY);
    location.reload();
  });

  $('export-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var separator = $('separator').value === '\\t' ? '\t' : $('separator').value;
    var request = {
      sql: $('sql').value, project: $('project').value, format: $('format').value, separator: separator,
      encode: $('encode').value, file_name: $('file-name').value, include_header: $('header').checked
    };
    $('submit').disabled = true;
    show('current', true);
    show('error', false);
    show('download', false);
    $('status').className = 'status';
    $('status').textContent = 'Submitting…';
    show('progress', true);
    client.submit(request).then(function (accepted) {
      if (accepted.status === 'FAILED') {
        return finished(accepted);
      }
      refreshList();
      return client.follow(accepted.queryID, progress).then(finished);
    }).catch(function (error) {
      $('status').textContent = 'Not submitted';
      fail($('error'), error);
      show('progress', false);
    }).then(function () {
      $('submit').disabled = false;
    });
  });

  function progress(status) {
    $('status').textContent = AsyncExport.describe(status, Date.now());
  }

  function finished(status) {
    show('progress', false);
    progress(status);
    if (status.status === 'SUCCESSFUL') {
      $('status').className = 'status ok';
      var download = $('download');
      download.hidden = false;
      download.onclick = function () { client.download(status.queryID).catch(function (e) { fail($('error'), e); }); };
      download.focus();
    } else {
      fail($('error'), { message: status.info });
    }
    refreshList();
  }

  function fail(element, error) {
    element.textContent = error.message || String(error);
    element.hidden = false;
  }

  function refreshList() {
    clearTimeout(listTimer);
    client.list().then(function (page) {
      var rows = page.value;
      var user = sessionStorage.getItem(USER_KEY);
      var others = rows.some(function (row) { return user && row.owner !== user; });
      $('mine').classList.toggle('admin', others);
      $('mine-title').textContent = others ? 'All exports' : 'My exports';
      show('mine-empty', rows.length === 0);
      show('exports', rows.length > 0);
      var body = $('exports').querySelector('tbody');
      body.innerHTML = '';
      rows.forEach(function (row) { body.appendChild(listRow(row)); });
      if (rows.some(function (row) { return row.status === 'RUNNING'; })) {
        listTimer = setTimeout(refreshList, 2000);
      }
    }, function (error) {
      $('mine-empty').textContent = 'Could not load exports: ' + error.message;
      show('mine-empty', true);
    });
  }

  function listRow(row) {
    var tr = document.createElement('tr');
    tr.dataset.queryId = row.queryID;
    [new Date(row.submit_time).toLocaleString(), row.project, row.owner].forEach(function (text, i) {
      var td = document.createElement('td');
      td.textContent = text;
      if (i === 2) {
        td.className = 'owner-col';
      }
      tr.appendChild(td);
    });
    var status = document.createElement('td');
    var badge = document.createElement('span');
    badge.className = 'badge ' + row.status;
    badge.textContent = row.status;
    badge.title = row.info;
    status.appendChild(badge);
    tr.appendChild(status);
    var size = document.createElement('td');
    size.textContent = AsyncExport.formatBytes(row.file_size);
    tr.appendChild(size);
    var actions = document.createElement('td');
    actions.className = 'actions';
    if (row.status === 'SUCCESSFUL') {
      actions.appendChild(action('Download', 'secondary download', function () { return client.download(row.queryID); }));
    }
    if (row.status === 'RUNNING') {
      actions.appendChild(action('Cancel', 'secondary cancel', function () { return client.stop(row.queryID); }));
    }
    actions.appendChild(action('Delete', 'danger delete', function () { return client.remove(row.queryID); }));
    tr.appendChild(actions);
    return tr;
  }

  function action(label, className, run) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.textContent = label;
    button.addEventListener('click', function () {
      button.disabled = true;
      Promise.resolve(run()).catch(function (error) { alert(error.message); }).then(refreshList);
    });
    return button;
  }

  start();
})();
