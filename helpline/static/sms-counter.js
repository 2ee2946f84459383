// Live SMS part count for reply boxes: GSM-7 160/153, otherwise UCS-2 70/67 (as i18n.sms_parts).
(function () {
  var GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var EXT = "^{}\\[~]|€";
  function parts(text) {
    var gsm = true, units = 0, i, ch;
    for (i = 0; i < text.length; i++) {
      ch = text.charAt(i);
      if (GSM.indexOf(ch) >= 0) { units += 1; } else if (EXT.indexOf(ch) >= 0) { units += 2; } else { gsm = false; break; }
    }
    if (!gsm) { units = text.length; }  // UTF-16 code units, as the server counts
    var single = gsm ? 160 : 70, multi = gsm ? 153 : 67;
    if (units === 0) { return 0; }
    return units <= single ? 1 : Math.ceil(units / multi);
  }
  function bind(box) {
    var out = document.getElementById(box.getAttribute("data-sms-counter"));
    if (!out) { return; }
    var template = out.getAttribute("data-template");
    function update() {
      out.textContent = template.replace("{chars}", box.value.length).replace("{parts}", parts(box.value));
      var free = box.form && box.form.querySelector("input[name=template][value=free]");
      if (free && box.value.length) { free.checked = true; }
    }
    box.addEventListener("input", update);
    update();
  }
  document.querySelectorAll("[data-sms-counter]").forEach(bind);
})();
