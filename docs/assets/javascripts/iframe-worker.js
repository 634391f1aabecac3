/* The offline copy's stand-in for Worker, which browsers refuse on file://: iframe-worker 1.0.4's
 * shim (MIT, vendor/iframe-worker.LICENSE.txt) rewritten with one change. The original writes an
 * inline script into its hidden frame to give the worker its globals; the frame inherits the
 * page's Content-Security-Policy, and no hash can allow that script (it carries the worker's
 * absolute file:// URL). Here the frame loads iframe-worker-boot.js first, a file that 'self'
 * allows. nexus/commands/offline.py makes this the copy's only polyfill. */
"use strict";
(function () {
  var boot = new URL("iframe-worker-boot.min.js", document.currentScript.src).href;

  class IFrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.url = url;
      this.m = (event) => {
        if (event.source !== this.w) return;
        this.dispatchEvent(new MessageEvent("message", { data: event.data }));
        if (this.onmessage) this.onmessage(event);
      };
      this.e = (message, filename, lineno, colno, error) => {
        if (filename !== `${this.url}`) return;
        const event = new ErrorEvent("error", { message, filename, lineno, colno, error });
        this.dispatchEvent(event);
        if (this.onerror) this.onerror(event);
      };
      const frame = document.createElement("iframe");
      frame.hidden = true;
      frame.dataset.url = `${url}`;
      document.body.appendChild(this.iframe = frame);
      this.w.document.open();
      this.w.document.write(`<html><body><script src="${boot}"><\/script>` +
                            `<script src="${url}?${+Date.now()}"><\/script></body></html>`);
      this.w.document.close();
      onmessage = this.m;
      onerror = this.e;
      this.r = new Promise((resolve, reject) => { this.w.onload = resolve; this.w.onerror = reject; });
    }

    terminate() {
      this.iframe.remove();
      onmessage = onerror = null;
    }

    postMessage(data) {
      this.r.catch().then(() => this.w.dispatchEvent(new MessageEvent("message", structuredClone({ data }))));
    }

    get w() {
      return this.iframe.contentWindow;
    }
  }

  window.IFrameWorker = IFrameWorker;
  if (location.protocol === "file:") window.Worker = IFrameWorker;
})();
