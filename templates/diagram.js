/* rapport.html: draws the charts with ECharts and formats their numbers
   the Norwegian way, exactly as bobra's Go formatters do (reports/format.go;
   a test compares the two). */
(function (root) {
  'use strict';
  var NBSP = '\u00a0', MINUS = '\u2212';

  // digits returns v as an exact decimal {neg, int, frac} from its shortest
  // representation, which for the values in the charts (whole kroner,
  // shares with four decimals) is the decimal bobra computed.
  function digits(v) {
    var neg = v < 0, s = String(Math.abs(v));
    if (/e/i.test(s)) s = Math.abs(v).toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
    var p = s.split('.');
    return { neg: neg, int: p[0].replace(/^0+(?=\d)/, ''), frac: p[1] || '' };
  }

  // shift moves the decimal point: shift(d, 2) multiplies by 100.
  function shift(d, n) {
    var all = d.int + d.frac, point = d.int.length + n;
    while (point > all.length) all += '0';
    while (point < 0) { all = '0' + all; point++; }
    var i = all.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
    return { neg: d.neg, int: i, frac: all.slice(point) };
  }

  // round rounds half away from zero to places decimals.
  function round(d, places) {
    var frac = d.frac, i = d.int;
    if (frac.length <= places) {
      while (frac.length < places) frac += '0';
      return { neg: d.neg, int: i, frac: frac };
    }
    var up = frac.charAt(places) >= '5';
    var ds = (i + frac.slice(0, places)).split('');
    if (up) {
      var k = ds.length - 1;
      while (k >= 0 && ds[k] === '9') { ds[k] = '0'; k--; }
      if (k < 0) ds.unshift('1'); else ds[k] = String.fromCharCode(ds[k].charCodeAt(0) + 1);
    }
    var all = ds.join('');
    return { neg: d.neg, int: all.slice(0, all.length - places) || '0', frac: all.slice(all.length - places) };
  }

  function write(d) {
    var out = d.int.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    if (d.frac) out += ',' + d.frac;
    if (d.neg && /[1-9]/.test(d.int + d.frac)) out = MINUS + out;
    return out;
  }

  function number(v, places) { return write(round(digits(v), places)); }

  // numberTrim writes at most places decimals, without trailing zeros.
  function numberTrim(v, places) {
    var d = round(digits(v), places);
    d.frac = d.frac.replace(/0+$/, '');
    return write(d);
  }

  function kroner(v) { return 'kr' + NBSP + number(v, 0); }

  function kronerShort(v) {
    var a = Math.abs(v);
    if (a >= 1e9) return write(round(shift(digits(v), -9), 1)) + NBSP + 'mrd.' + NBSP + 'kr';
    if (a >= 1e6) return write(round(shift(digits(v), -6), 1)) + NBSP + 'mill.' + NBSP + 'kr';
    return kroner(v);
  }

  function percentPlaces(v, places) { return write(round(shift(digits(v), 2), places)) + NBSP + '%'; }
  function percent(v) { return percentPlaces(v, 1); }

  var format = {
    number: number, numberTrim: numberTrim, kroner: kroner, kronerShort: kronerShort,
    percent: percent, percentPlaces: percentPlaces
  };
  root.bobraFormat = format;

  // Axis labels are short; tooltips give the figure as the tables do.
  var axis = {
    kroner: kronerShort,
    andel: function (v) { return percentPlaces(v, 0); },
    antall: function (v) { return numberTrim(v, 2); },
    tall: function (v) { return numberTrim(v, 2); }
  };
  var tooltip = {
    kroner: kroner,
    andel: percent,
    antall: function (v) { return numberTrim(v, 2); },
    tall: function (v) { return numberTrim(v, 2); }
  };

  function valueFormatter(unit, diverging) {
    var f = tooltip[unit] || tooltip.tall;
    return function (v) {
      if (Array.isArray(v)) v = v[v.length - 1];
      if (v === '-' || v === null || v === undefined || isNaN(v)) return '–';
      return f(diverging ? Math.abs(Number(v)) : Number(v));
    };
  }

  function each(list, f) { for (var i = 0; i < list.length; i++) f(list[i]); }
  function asList(x) { return x ? (Array.isArray(x) ? x : [x]) : []; }

  function init() {
    if (typeof root.echarts === 'undefined' || typeof document === 'undefined') return;
    var charts = [];
    each(document.querySelectorAll('.diagram[data-option]'), function (el) {
      var opt = JSON.parse(el.getAttribute('data-option'));
      var unit = el.getAttribute('data-unit') || 'tall';
      var xUnit = el.getAttribute('data-x-unit');
      // Only value axes carry figures; category axes keep their labels.
      function formatAxes(list, u) {
        each(asList(list), function (a) {
          if (a.type !== 'value') return;
          var f = axis[u] || axis.tall;
          a.axisLabel = a.axisLabel || {};
          a.axisLabel.formatter = opt.bobraDiverging ? function (v) { return f(Math.abs(v)); } : f;
        });
      }
      // Long category labels (survey statements) get at most 40 % of a
      // narrow chart's width, wrapped on lines that do not overlap.
      each(asList(opt.yAxis), function (a) {
        if (a.type === 'category' && a.axisLabel && a.axisLabel.width) {
          a.axisLabel.width = Math.min(a.axisLabel.width, Math.round(el.clientWidth * 0.4));
          a.axisLabel.lineHeight = a.axisLabel.lineHeight || 14;
        }
      });
      formatAxes(opt.yAxis, unit);
      formatAxes(opt.xAxis, xUnit || unit);
      opt.tooltip = opt.tooltip || {};
      opt.tooltip.valueFormatter = valueFormatter(unit, opt.bobraDiverging);
      var label = el.getAttribute('aria-label');
      var chart = root.echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: Math.max(2, root.devicePixelRatio || 1) });
      chart.setOption(opt);
      // ECharts writes its own aria-label; the page keeps the described one.
      el.setAttribute('role', 'img');
      el.setAttribute('aria-label', label);
      charts.push(chart);
    });
    function resize() { each(charts, function (c) { c.resize(); }); }
    function toolbox(show) { each(charts, function (c) { c.setOption({ toolbox: { show: show } }); }); }
    root.addEventListener('resize', resize);
    function beforePrint() {
      each(document.querySelectorAll('details.data'), function (d) { d.open = true; });
      toolbox(false);
    }
    function afterPrint() { toolbox(true); resize(); }
    root.addEventListener('beforeprint', beforePrint);
    root.addEventListener('afterprint', afterPrint);
    document.documentElement.setAttribute('data-diagrammer', String(charts.length));
  }

  init();
})(typeof window !== 'undefined' ? window : globalThis);
