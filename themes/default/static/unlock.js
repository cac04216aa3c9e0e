// Opens a page of the committee's build sealed by tiendo: the key comes
// from the passphrase with PBKDF2-HMAC-SHA256 (the salt and the rounds are
// in the page), the page is AES-256-GCM (12-byte nonce, then ciphertext and
// tag), all with the browser's Web Crypto. The derived key, never the
// passphrase, is kept in sessionStorage: asked once per tab. Once the page
// is open:
// - its scripts run (the search page's);
// - a sealed script it loads (a file of the search index, written as
//   tiendoSealed("…") around the sealed bytes of the script) is opened with
//   the same key and run as the script it seals;
// - a click on a link to a data file of the build (sealed the same way)
//   fetches it, opens it and hands the reader the plain file under its own
//   name. The build's files are those under its root (data-root, from the
//   page, as its links go) but its pages and its files left in the clear
//   (data-plain): any other address, even of the same host (a portal's
//   /uploads/ beside the build), is left to the browser. In a copy opened
//   from disk (file:), where a browser may refuse the page the file, it is
//   not handed over sealed either: the link says to open the web address.
(function () {
  "use strict";
  var sealed = document.getElementById("trang-khoa");
  var form = document.getElementById("khoa");
  var input = document.getElementById("mat-khau");
  var error = document.getElementById("loi-mat-khau");
  var button = form.querySelector("button");
  var salt = bytes(sealed.getAttribute("data-salt"));
  var iterations = Number(sealed.getAttribute("data-iterations"));
  var store = "tiendo-khoa:" + sealed.getAttribute("data-salt");
  var page = bytes(sealed.textContent.trim());
  var failed = form.getAttribute("data-failed");
  var local = form.getAttribute("data-local");
  var root = new URL(sealed.getAttribute("data-root"), location.href);
  var plain = sealed.getAttribute("data-plain").split(" ");
  var key = null;

  function bytes(text) {
    var raw = atob(text);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }

  function base64(buffer) {
    var view = new Uint8Array(buffer);
    var text = "";
    for (var i = 0; i < view.length; i++) text += String.fromCharCode(view[i]);
    return btoa(text);
  }

  function open(k, data) {
    return crypto.subtle.decrypt({ name: "AES-GCM", iv: data.slice(0, 12) }, k, data.slice(12));
  }

  function derive(passphrase) {
    var raw = new TextEncoder().encode(passphrase.normalize("NFC"));
    return crypto.subtle
      .importKey("raw", raw, "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return crypto.subtle.deriveKey(
          { name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations },
          base,
          { name: "AES-GCM", length: 256 },
          true,
          ["decrypt"]
        );
      });
  }

  // Scripts that come with a parsed document do not run: each is made
  // again, so that the browser runs it as it would on a plain page.
  function runScripts() {
    var scripts = document.querySelectorAll("script");
    for (var i = 0; i < scripts.length; i++) {
      var old = scripts[i];
      var script = document.createElement("script");
      for (var j = 0; j < old.attributes.length; j++) {
        script.setAttribute(old.attributes[j].name, old.attributes[j].value);
      }
      script.text = old.text;
      old.parentNode.replaceChild(script, old);
    }
  }

  // The element the address's fragment names, or null: a fragment that
  // does not decode (`#%E0%A4%A`) names none.
  function fragmentTarget() {
    if (!location.hash) return null;
    try {
      return document.getElementById(decodeURIComponent(location.hash.slice(1)));
    } catch (e) {
      return null;
    }
  }

  function show(html) {
    var doc = new DOMParser().parseFromString(new TextDecoder().decode(html), "text/html");
    document.replaceChild(document.adoptNode(doc.documentElement), document.documentElement);
    runScripts();
    var target = fragmentTarget();
    if (target) target.scrollIntoView();
  }

  function ask(message) {
    form.hidden = false;
    button.disabled = false;
    error.textContent = message || "";
    if (message) input.setAttribute("aria-invalid", "true");
    input.focus();
  }

  // A sealed script (a file of the search index): the script element that
  // loaded it gets the plain script run in its place, or its error event.
  window.tiendoSealed = function (text) {
    var loader = document.currentScript;
    var opened = key ? open(key, bytes(text)) : Promise.reject(new Error("no key"));
    opened.then(
      function (plain) {
        var script = document.createElement("script");
        var url = URL.createObjectURL(new Blob([plain], { type: "text/javascript" }));
        script.src = url;
        script.onload = script.onerror = function () {
          URL.revokeObjectURL(url);
          script.remove();
        };
        document.head.appendChild(script);
      },
      function () {
        if (loader) loader.dispatchEvent(new Event("error"));
      }
    );
  };

  // Where a data file could not be opened: `message` said beside its
  // link, once.
  function notOpened(link, message) {
    if (!link.parentNode) return;
    var next = link.nextElementSibling;
    if (next && next.getAttribute("data-tiendo-failed") !== null) return;
    var note = document.createElement("strong");
    note.setAttribute("role", "alert");
    note.setAttribute("data-tiendo-failed", "");
    note.textContent = " " + message;
    link.parentNode.insertBefore(note, link.nextSibling);
  }

  // The bytes at `url`. From disk, where fetch refuses file: addresses,
  // XMLHttpRequest, which some browsers allow for a file beside the page
  // (Chromium does not: the promise is then refused).
  function read(url) {
    if (url.protocol !== "file:") {
      return fetch(url.href).then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.arrayBuffer();
      });
    }
    return new Promise(function (resolve, reject) {
      var request = new XMLHttpRequest();
      request.open("GET", url.href);
      request.responseType = "arraybuffer";
      request.onload = function () {
        if (request.response && request.response.byteLength) resolve(request.response);
        else reject(new Error("nothing read"));
      };
      request.onerror = reject;
      request.send();
    });
  }

  // Whether `url` is a sealed file of this build: under its root, neither
  // a page (a folder or .html) nor one of the files left in the clear.
  function isSealedFile(url) {
    if (url.protocol !== root.protocol || url.host !== root.host) return false;
    if (url.pathname.indexOf(root.pathname) !== 0) return false;
    var path = url.pathname.slice(root.pathname.length);
    if (path === "" || /(\/|\.html)$/.test(path)) return false;
    // Their names need no decoding (letters, digits, - . /), as a link
    // that does not decode (%E0) would refuse.
    return plain.indexOf(path) < 0;
  }

  // A sealed data file: fetched, opened, handed over under its own name.
  // Any other address, and the plain files handed over here (blob: links
  // with a download name), are left to the browser.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || !key || link.hasAttribute("download")) return;
    var url = new URL(link.href, location.href);
    if (!isSealedFile(url)) return;
    event.preventDefault();
    var name = url.pathname.split("/").pop();
    try {
      name = decodeURIComponent(name);
    } catch (e) {
      // A name that does not decode is handed over as it is written.
    }
    read(url)
      .then(function (data) {
        return open(key, new Uint8Array(data));
      })
      .then(function (plain) {
        var a = document.createElement("a");
        var href = URL.createObjectURL(new Blob([plain]));
        a.href = href;
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () {
          URL.revokeObjectURL(href);
        }, 60000);
      })
      .catch(function () {
        // From disk the way out is the same whatever failed: the web address.
        notOpened(link, url.protocol === "file:" ? local : failed);
      });
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    error.textContent = form.getAttribute("data-opening");
    input.removeAttribute("aria-invalid");
    var candidate;
    derive(input.value)
      .then(function (k) {
        candidate = k;
        return open(k, page);
      })
      .then(
        function (html) {
          key = candidate;
          return crypto.subtle.exportKey("raw", key).then(function (raw) {
            try {
              sessionStorage.setItem(store, base64(raw));
            } catch (e) {
              // Storage refused (private mode): asked again on the next page.
            }
            show(html);
          });
        },
        function () {
          input.value = "";
          ask(form.getAttribute("data-wrong"));
        }
      );
  });

  if (!window.crypto || !crypto.subtle) {
    ask(form.getAttribute("data-unsupported"));
    button.disabled = true;
    return;
  }
  var kept = null;
  try {
    kept = sessionStorage.getItem(store);
  } catch (e) {
    kept = null;
  }
  if (!kept) {
    ask();
    return;
  }
  // Only a kept key that does not open the page is dropped: whatever goes
  // wrong in showing the opened page is no reason to ask again.
  crypto.subtle
    .importKey("raw", bytes(kept), "AES-GCM", true, ["decrypt"])
    .then(function (k) {
      return open(k, page).then(function (html) {
        key = k;
        return html;
      });
    })
    .then(show, function () {
      try {
        sessionStorage.removeItem(store);
      } catch (e) {
        // Nothing kept.
      }
      ask();
    });
})();
