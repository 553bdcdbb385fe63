// Bản tin Đại hội: fits embedded reader frames to their content.
// Add once to a page with <iframe data-bantin-embed src=".../?embed=1&…">. No dependencies.
// Only messages from the frame's own window and origin are believed.
(function () {
  'use strict';
  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-bantin-embed]'));
  }
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'bantin:height' || typeof data.height !== 'number') return;
    frames().forEach(function (frame) {
      var origin;
      try { origin = new URL(frame.src, document.baseURI).origin; } catch (e) { return; }
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      var h = Math.max(200, Math.min(20000, Math.ceil(data.height)));
      frame.setAttribute('height', String(h));
    });
  });
})();
