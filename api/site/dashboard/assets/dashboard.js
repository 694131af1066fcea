/* Draws a chart above each table marked data-chart, from the table's own cells; without JS the tables stay. */
'use strict';

(function drawCharts(Chart) {
  if (!Chart) return;
  document.querySelectorAll('table[data-chart]').forEach(function (table) {
    var rows = Array.prototype.filter.call(table.tBodies[0].rows, function (row) {
      return !row.hasAttribute('data-chart-skip');
    });
    var series = function (column) {
      return rows.map(function (row) {
        var cell = row.querySelectorAll('td[data-value]')[column];
        return cell && cell.dataset.value !== '' ? Number(cell.dataset.value) : null;
      });
    };
    var datasets = [
      {
        label: table.dataset.chartLabel,
        data: series(0),
        backgroundColor: '#0a4d8c',
        borderColor: '#0a4d8c',
      },
    ];
    if (table.dataset.chartMax) {
      datasets.push({
        label: table.dataset.chartMax,
        data: series(1),
        backgroundColor: '#c8cdd2',
        borderColor: '#c8cdd2',
      });
    }
    var figure = document.createElement('div');
    figure.className = 'chart';
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', table.caption ? table.caption.textContent : '');
    figure.appendChild(canvas);
    table.parentNode.parentNode.insertBefore(figure, table.parentNode);
    new Chart(canvas, {
      type: table.dataset.chart,
      data: {
        labels: rows.map(function (row) {
          return row.cells[0].textContent.trim();
        }),
        datasets: datasets,
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
    });
  });
})(window.Chart);
