// loadgen's HTML report: draws every chart of the page as inline SVG from the JSON in #loadgen-data.
// No library, no network. Each <svg> says how many points it drew (data-points), or why none (data-empty); the body
// gets data-rendered="ok" once every chart drew, and script errors land in the body's data-errors.
(function () {
  "use strict";

  var problems = [];
  function problem(text) {
    problems.push(text);
    document.body.dataset.errors = problems.join(" | ");
  }
  window.onerror = function (message, source, line, column) {
    problem(String(message) + " (line " + line + ":" + column + ")");
  };

  var COLORS = ["#4a78b5", "#e08a1e", "#3a9a5b", "#c0282d", "#8a5cb8", "#7a6a55", "#d45fa4", "#2fa3b5",
    "#b5a33a", "#6b6b6b"];
  var W = 1080, H = 330, LEFT = 78, RIGHT = 190, TOP = 16, BOTTOM = 46;

  function esc(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  // 1234567 -> 1.23M, 12345 -> 12.3k, 0.01234 -> 0.0123
  function short(v) {
    if (v === null || v === undefined || !isFinite(v)) return "";
    var a = Math.abs(v);
    if (a >= 1e9) return trim((v / 1e9).toPrecision(3)) + "G";
    if (a >= 1e6) return trim((v / 1e6).toPrecision(3)) + "M";
    if (a >= 1e4) return trim((v / 1e3).toPrecision(3)) + "k";
    if (a >= 100) return Math.round(v).toString();
    if (a === 0) return "0";
    return trim(v.toPrecision(3));
  }
  function trim(s) {
    return s.indexOf(".") < 0 || s.indexOf("e") >= 0 ? s : s.replace(/0+$/, "").replace(/\.$/, "");
  }

  function seconds(v) {
    if (v < 120) return trim(v.toFixed(v < 10 ? 1 : 0)) + "s";
    var s = Math.round(v), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    var mm = h > 0 && m < 10 ? "0" + m : String(m), ss = r < 10 ? "0" + r : String(r);
    return (h > 0 ? h + ":" : "") + mm + ":" + ss;
  }

  function linearTicks(lo, hi, most) {
    var span = hi - lo;
    if (!(span > 0)) return [lo];
    var raw = span / most, mag = Math.pow(10, Math.floor(Math.log10(raw))), step = mag;
    [1, 2, 2.5, 5, 10].some(function (m) { step = m * mag; return step >= raw; });
    var ticks = [];
    for (var v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
    return ticks;
  }

  function timeTicks(lo, hi) {
    var span = hi - lo, steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200];
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i++) if (span / steps[i] <= 10) { step = steps[i]; break; }
    if (span < 5) return linearTicks(lo, hi, 8);
    var ticks = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(v);
    return ticks;
  }

  function logTicks(lo, hi) {
    var ticks = [], decades = Math.log10(hi / lo);
    for (var d = Math.floor(Math.log10(lo)); Math.pow(10, d) <= hi * 1.0001; d++) {
      (decades <= 2.5 ? [1, 2, 5] : [1]).forEach(function (m) {
        var v = m * Math.pow(10, d);
        if (v >= lo * 0.9999 && v <= hi * 1.0001) ticks.push(+v.toPrecision(6));
      });
    }
    return ticks;
  }

  // The percentile axis: 0 at p0, 1 at 90%, 2 at 99%, 3 at 99.9% ...
  function percentileLabel(x) {
    if (x <= 0) return "0%";
    var p = 100 - Math.pow(10, 2 - x);
    return trim(p.toFixed(Math.max(0, Math.round(x) - 2))) + "%";
  }

  function emptySvg(text) {
    return "<svg viewBox=\"0 0 " + W + " 70\" data-points=\"0\" data-empty=\"" + esc(text) +
      "\" role=\"img\"><text class=\"empty\" x=\"" + (W / 2) + "\" y=\"40\" text-anchor=\"middle\">" + esc(text) +
      "</text></svg>";
  }

  // o: {series: [{name, color, dash, width, points: [[x, y], ...]}], yLabel, xLabel, logY, x: "time"|"percentile"|
  //     "index", bars, bands: [{from, to, label}], empty}
  function chart(id, o) {
    var el = document.getElementById(id);
    if (!el) return;
    var drawn = 0, xs = [], ys = [];
    o.series.forEach(function (s, k) {
      s.color = s.color || COLORS[k % COLORS.length];
      s.points = s.points.filter(function (p) {
        return p[0] !== null && p[1] !== null && isFinite(p[0]) && isFinite(p[1]) && (!o.logY || p[1] > 0);
      });
      drawn += s.points.length;
      s.points.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); });
    });
    if (drawn === 0) {
      el.innerHTML = emptySvg(o.empty || "nothing to draw");
      return;
    }
    var xLo = o.xMin !== undefined ? o.xMin : min(xs), xHi = o.xMax !== undefined ? o.xMax : max(xs);
    if (o.bars) { xLo -= 0.5; xHi += 0.5; }
    if (!(xHi > xLo)) { xHi = xLo + 1; }
    var yLo, yHi, yTicks;
    if (o.logY) {
      yLo = Math.pow(10, Math.floor(Math.log10(min(ys))));
      yHi = Math.pow(10, Math.ceil(Math.log10(max(ys))));
      if (yHi <= yLo) yHi = yLo * 10;
      yTicks = logTicks(yLo, yHi);
    } else {
      yLo = 0;
      yHi = max(ys) * 1.08;
      if (!(yHi > 0)) yHi = 1;
      yTicks = linearTicks(0, yHi, 6);
      yHi = Math.max(yHi, yTicks[yTicks.length - 1]);
    }
    var pw = W - LEFT - RIGHT, ph = H - TOP - BOTTOM;
    function sx(v) { return LEFT + (v - xLo) / (xHi - xLo) * pw; }
    function sy(v) {
      return o.logY
        ? TOP + ph - (Math.log10(v) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo)) * ph
        : TOP + ph - (v - yLo) / (yHi - yLo) * ph;
    }
    var out = [];
    out.push("<svg viewBox=\"0 0 " + W + " " + H + "\" role=\"img\" data-points=\"" + drawn + "\">");
    (o.bands || []).forEach(function (b) {
      if (!(b.to > b.from) || b.to <= xLo) return;
      var x1 = sx(Math.max(b.from, xLo)), x2 = sx(Math.min(b.to, xHi));
      out.push("<rect class=\"band\" x=\"" + f(x1) + "\" y=\"" + TOP + "\" width=\"" + f(x2 - x1) + "\" height=\"" + ph +
        "\"/><text x=\"" + f(x1 + 4) + "\" y=\"" + (TOP + 14) + "\" fill=\"#777\">" + esc(b.label) + "</text>");
    });
    yTicks.forEach(function (v) {
      var y = sy(v);
      out.push(line(LEFT, y, LEFT + pw, y, "grid"));
      out.push("<text x=\"" + (LEFT - 6) + "\" y=\"" + f(y + 4) + "\" text-anchor=\"end\">" + esc(short(v)) + "</text>");
    });
    var xTicks = o.x === "percentile" ? range(Math.ceil(xHi)) : o.x === "time" ? timeTicks(xLo, xHi)
      : linearTicks(Math.max(0, xLo), xHi, 10).filter(function (v) { return !o.bars || v === Math.round(v); });
    xTicks.forEach(function (v) {
      if (v < xLo - 1e-9 || v > xHi + 1e-9) return;
      var x = sx(v);
      out.push(line(x, TOP, x, TOP + ph, "grid"));
      var label = o.x === "percentile" ? percentileLabel(v) : o.x === "time" ? seconds(v) : short(v);
      out.push("<text x=\"" + f(x) + "\" y=\"" + (TOP + ph + 16) + "\" text-anchor=\"middle\">" + esc(label) + "</text>");
    });
    out.push(line(LEFT, TOP + ph, LEFT + pw, TOP + ph, "axis"), line(LEFT, TOP, LEFT, TOP + ph, "axis"));
    out.push("<text x=\"" + (LEFT + pw / 2) + "\" y=\"" + (H - 6) + "\" text-anchor=\"middle\">" + esc(o.xLabel) +
      "</text>");
    out.push("<text transform=\"translate(16," + (TOP + ph / 2) + ") rotate(-90)\" text-anchor=\"middle\">" +
      esc(o.yLabel) + "</text>");
    o.series.forEach(function (s) {
      if (s.points.length === 0) return;
      if (o.bars) {
        var bw = Math.max(1, pw / (xHi - xLo) * 0.8);
        s.points.forEach(function (p) {
          out.push("<rect x=\"" + f(sx(p[0]) - bw / 2) + "\" y=\"" + f(sy(p[1])) + "\" width=\"" + f(bw) +
            "\" height=\"" + f(TOP + ph - sy(p[1])) + "\" fill=\"" + s.color + "\"><title>" + esc(s.name) + " " +
            esc(short(p[0])) + ": " + esc(p[1].toLocaleString("en")) + "</title></rect>");
        });
        return;
      }
      var pts = s.points.map(function (p) { return f(sx(p[0])) + "," + f(sy(p[1])); }).join(" ");
      out.push("<polyline fill=\"none\" stroke=\"" + s.color + "\" stroke-width=\"" + (s.width || 1.6) + "\"" +
        (s.dash ? " stroke-dasharray=\"" + s.dash + "\"" : "") + " points=\"" + pts + "\"/>");
      if (s.points.length === 1) {
        out.push("<circle cx=\"" + f(sx(s.points[0][0])) + "\" cy=\"" + f(sy(s.points[0][1])) + "\" r=\"3\" fill=\"" +
          s.color + "\"/>");
      }
    });
    var shown = o.series.filter(function (s) { return s.points.length > 0; });
    shown.slice(0, 16).forEach(function (s, k) {
      var y = TOP + 10 + k * 18, x = W - RIGHT + 14;
      out.push("<line x1=\"" + x + "\" y1=\"" + y + "\" x2=\"" + (x + 22) + "\" y2=\"" + y + "\" stroke=\"" + s.color +
        "\" stroke-width=\"" + (o.bars ? 8 : 2.5) + "\"" + (s.dash ? " stroke-dasharray=\"" + s.dash + "\"" : "") + "/>");
      out.push("<text x=\"" + (x + 28) + "\" y=\"" + (y + 4) + "\">" + esc(s.name) + "</text>");
    });
    if (shown.length > 16) {
      out.push("<text x=\"" + (W - RIGHT + 14) + "\" y=\"" + (TOP + 10 + 16 * 18 + 4) + "\">and " +
        (shown.length - 16) + " more</text>");
    }
    out.push("<line class=\"cursor\" x1=\"0\" y1=\"" + TOP + "\" x2=\"0\" y2=\"" + (TOP + ph) +
      "\" visibility=\"hidden\"/><g class=\"tip\" visibility=\"hidden\"></g>");
    out.push("</svg>");
    el.innerHTML = out.join("");
    if (!o.bars) hover(el.querySelector("svg"), o, shown, sx, xLo, xHi, pw);
  }

  // Hovering shows a vertical line and each series' value nearest to it.
  function hover(svg, o, shown, sx, xLo, xHi, pw) {
    var cursor = svg.querySelector(".cursor"), tip = svg.querySelector(".tip");
    svg.addEventListener("mousemove", function (e) {
      var box = svg.getBoundingClientRect(), scale = W / box.width, px = (e.clientX - box.left) * scale;
      if (px < LEFT || px > LEFT + pw) { hide(); return; }
      var x = xLo + (px - LEFT) / pw * (xHi - xLo), lines = [];
      var label = o.x === "percentile" ? percentileLabel(x) : o.x === "time" ? "t = " + seconds(x) : short(x);
      lines.push(label);
      shown.slice(0, 12).forEach(function (s) {
        var p = nearest(s.points, x);
        if (p) lines.push(s.name + ": " + (o.x === "percentile" ? short(p[1]) + " ms at " + percentileLabel(p[0])
          : short(p[1])));
      });
      cursor.setAttribute("x1", px);
      cursor.setAttribute("x2", px);
      cursor.setAttribute("visibility", "visible");
      var width = 12 + 7 * max(lines.map(function (l) { return l.length; })), left = px + width + 12 > W ? px - width - 8
        : px + 8;
      tip.innerHTML = "<rect x=\"" + f(left) + "\" y=\"" + (TOP + 4) + "\" width=\"" + width + "\" height=\"" +
        (lines.length * 16 + 8) + "\" rx=\"3\"/>" + lines.map(function (l, k) {
          return "<text x=\"" + f(left + 6) + "\" y=\"" + (TOP + 20 + k * 16) + "\">" + esc(l) + "</text>";
        }).join("");
      tip.setAttribute("visibility", "visible");
    });
    svg.addEventListener("mouseleave", hide);
    function hide() {
      cursor.setAttribute("visibility", "hidden");
      tip.setAttribute("visibility", "hidden");
    }
  }

  function nearest(points, x) {
    var lo = 0, hi = points.length - 1;
    if (hi < 0) return null;
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (points[mid][0] < x) lo = mid; else hi = mid;
    }
    return Math.abs(points[lo][0] - x) <= Math.abs(points[hi][0] - x) ? points[lo] : points[hi];
  }

  function line(x1, y1, x2, y2, cls) {
    return "<line class=\"" + cls + "\" x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) +
      "\"/>";
  }
  function f(v) { return (Math.round(v * 10) / 10).toString(); }
  function min(a) { var m = Infinity; for (var i = 0; i < a.length; i++) if (a[i] < m) m = a[i]; return m; }
  function max(a) { var m = -Infinity; for (var i = 0; i < a.length; i++) if (a[i] > m) m = a[i]; return m; }
  function range(n) { var r = []; for (var i = 0; i <= n; i++) r.push(i); return r; }
  function zip(xs, ys) { return xs.map(function (x, i) { return [x, ys[i]]; }); }

  function draw(D) {
    var iv = D.intervals, bands = D.measuredStart > 0.0005
      ? [{from: 0, to: D.measuredStart, label: "warm-up"}] : [];
    var time = {x: "time", xLabel: "seconds since sending began", xMin: 0, xMax: Math.max(D.end, max(iv.end) || 0),
      bands: bands};

    var throughput = [{name: D.shards.length ? "fleet" : "acknowledged", points: zip(iv.t, iv.rate), width: 2.2,
      color: COLORS[0]}];
    if (iv.target.some(function (v) { return v !== null; })) {
      throughput.push({name: "target", points: zip(iv.t, iv.target), dash: "6 4", color: "#333"});
    }
    D.shards.forEach(function (s, k) {
      throughput.push({name: s.label, points: zip(s.t, s.rate), width: 1.2, color: COLORS[(k + 1) % COLORS.length]});
    });
    chart("chart-throughput", Object.assign({series: throughput, yLabel: "records/s",
      empty: "no intervals recorded"}, time));

    var latency = [
      {name: "send→ack p50", points: zip(iv.t, iv.sendToAck.p50), color: "#9bb7dc"},
      {name: "send→ack p99", points: zip(iv.t, iv.sendToAck.p99), color: "#4a78b5"},
      {name: "send→ack p99.9", points: zip(iv.t, iv.sendToAck.p999), color: "#1f3f73"}];
    if (iv.intended.p50.some(function (v) { return v !== null; })) {
      latency.push({name: "intended p50", points: zip(iv.t, iv.intended.p50), color: "#f0c08a", dash: "5 3"},
        {name: "intended p99", points: zip(iv.t, iv.intended.p99), color: "#e08a1e", dash: "5 3"},
        {name: "intended p99.9", points: zip(iv.t, iv.intended.p999), color: "#9a5600", dash: "5 3"});
    }
    chart("chart-latency", Object.assign({series: latency, yLabel: "ms", logY: true,
      empty: "no measured records"}, time));

    var errors = Object.keys(iv.errors).map(function (type) {
      return {name: type, points: zip(iv.t, iv.errors[type])};
    });
    chart("chart-errors", Object.assign({series: errors, yLabel: "failed records", empty: "no errors"}, time));

    var distribution = [{name: "send→ack", points: D.distribution.sendToAck, color: COLORS[0], width: 2}];
    if (D.distribution.intended) {
      distribution.push({name: "from intended", points: D.distribution.intended, color: COLORS[1], width: 2});
    }
    chart("chart-distribution", {series: distribution, x: "percentile", xMin: 0, xLabel: "percentile",
      yLabel: "ms", logY: true, empty: "no measured records"});

    if (D.groups.length) {
      chart("chart-lag-records", Object.assign({series: D.groups.map(function (g) {
        return {name: g.group, points: zip(g.t, g.lag)};
      }), yLabel: "records behind"}, time, {xMax: undefined}));
      chart("chart-lag-seconds", Object.assign({series: D.groups.map(function (g) {
        return {name: g.group, points: zip(g.t, g.lagSeconds)};
      }), yLabel: "seconds behind"}, time, {xMax: undefined}));
      var consumed = D.groups.map(function (g) {
        return {name: g.group + " consumed", points: zip(g.t, g.consumedRate)};
      });
      consumed.push({name: "written", points: zip(D.groups[0].t, D.groups[0].producedRate), dash: "6 4",
        color: "#333"});
      chart("chart-consumed", Object.assign({series: consumed, yLabel: "records/s"}, time, {xMax: undefined}));
    }

    if (D.partitions.length) {
      chart("chart-partitions", {series: [{name: "records", points: D.partitions.map(function (n, p) {
        return [p, n];
      }), color: COLORS[0]}], x: "index", bars: true, xLabel: "partition", yLabel: "records"});
    }
  }

  try {
    draw(JSON.parse(document.getElementById("loadgen-data").textContent));
  } catch (e) {
    problem(String(e && e.stack ? e.stack : e));
  }
  document.body.dataset.rendered = problems.length === 0 ? "ok" : "failed";
})();
