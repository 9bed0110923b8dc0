/// The report's style sheet, inlined: system fonts only, no external
/// resources, severity colours, and a print layout.
enum HTMLStyle {
    static let css = """
        :root {
          --ink: #1f2933; --muted: #5f6b7a; --line: #e3e7ec; --paper: #ffffff; --bg: #f4f6f8;
          --accent: #1d3557;
          --critical: #9b1c1c; --critical-bg: #fde2e2;
          --high: #c2410c; --high-bg: #ffe8d9;
          --medium: #a16207; --medium-bg: #fff4d6;
          --low: #1d4ed8; --low-bg: #e1ecfe;
          --info: #4b5563; --info-bg: #eef0f3;
          --ok: #2b8a3e; --ok-bg: #e6f4ea; --ko: #c92a2a; --ko-bg: #fde2e2;
        }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; background: var(--bg); color: var(--ink);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
        .page { max-width: 1100px; margin: 0 auto; padding: 0 24px 48px; }
        .masthead { background: var(--accent); color: #fff; padding: 28px 0 22px; margin-bottom: 24px; }
        .masthead .page { padding-bottom: 0; }
        .eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; opacity: .75; }
        h1 { margin: 4px 0 2px; font-size: 28px; line-height: 1.2; }
        .client { font-size: 20px; font-weight: 600; opacity: .95; }
        .meta { display: flex; flex-wrap: wrap; gap: 6px 28px; margin: 14px 0 0; font-size: 13px; }
        .meta div { display: flex; gap: 6px; }
        .meta dt { opacity: .7; } .meta dd { margin: 0; font-weight: 600; }
        nav.toc { display: flex; flex-wrap: wrap; gap: 8px; margin: 0 0 20px; }
        nav.toc a { font-size: 13px; color: var(--accent); background: var(--paper); border: 1px solid var(--line);
          border-radius: 999px; padding: 3px 12px; text-decoration: none; }
        section { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
          padding: 20px 24px; margin: 0 0 20px; }
        h2 { margin: 0 0 14px; font-size: 20px; color: var(--accent); }
        h3 { margin: 22px 0 10px; font-size: 16px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin-bottom: 16px; }
        .stat { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: #fbfcfd; }
        .stat .num { font-size: 30px; font-weight: 700; line-height: 1.1; }
        .stat .label { font-size: 13px; color: var(--muted); }
        .stat.alert { border-color: var(--critical); background: var(--critical-bg); }
        .stat.alert .num { color: var(--critical); }
        .sevbar { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: var(--line); margin: 4px 0 8px; }
        .sevbar span { display: block; height: 100%; }
        .legend { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 13px; color: var(--muted); margin-bottom: 14px; }
        .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
        .keypoints { margin: 0; padding-left: 20px; } .keypoints li { margin: 3px 0; }
        .privacy { margin: 14px 0 0; font-size: 13px; color: var(--muted); border-left: 3px solid var(--line); padding-left: 10px; }
        .privacy.revealed { color: var(--critical); border-color: var(--critical); }
        .matrix { display: grid; grid-template-columns: minmax(0, 520px) minmax(0, 1fr); gap: 24px; align-items: start; }
        .register h3 { margin-top: 0; }
        @media (max-width: 900px) { .matrix { grid-template-columns: 1fr; } }
        figure { margin: 0; }
        figcaption { font-size: 13px; color: var(--muted); margin-top: 6px; }
        svg.heatmap { max-width: 100%; height: auto; font-family: inherit; }
        .cell-score { font-size: 12px; fill: rgba(0,0,0,.5); font-weight: 600; }
        .marker circle { fill: var(--accent); stroke: #fff; stroke-width: 2; }
        .marker text { fill: #fff; font-size: 14px; font-weight: 700; }
        .marker-more { font-size: 14px; font-weight: 700; fill: #1f2933; }
        .axis-tick { font-size: 14px; fill: var(--muted); }
        .axis-title { font-size: 14px; fill: var(--ink); font-weight: 600; }
        span.marker { display: inline-block; min-width: 22px; height: 22px; line-height: 22px; border-radius: 11px;
          background: var(--accent); color: #fff; font-size: 12px; font-weight: 700; text-align: center; padding: 0 4px;
          vertical-align: 1px; }
        .register td:nth-child(2) { font-weight: 600; }
        .register td:last-child { white-space: nowrap; }
        .level { font-size: 12px; color: var(--muted); white-space: nowrap; }
        ul.names { margin: 0; padding-left: 16px; } ul.names li { margin: 1px 0; }
        .bands { display: flex; gap: 10px; flex-wrap: wrap; font-size: 12px; color: var(--muted); margin-top: 6px; }
        .bands i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 4px; vertical-align: -2px; }
        table { width: 100%; border-collapse: collapse; font-size: 13.5px; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, monospace; background: #f1f3f5;
          padding: 1px 5px; border-radius: 4px; }
        .score { display: inline-block; min-width: 28px; text-align: center; font-weight: 700; border-radius: 5px; padding: 0 6px; }
        .band-low { background: #9fd8ae; } .band-moderate { background: #ffdd6e; }
        .band-high { background: #ffab5e; } .band-critical { background: #f26b6b; color: #fff; }
        .badge { display: inline-block; font-size: 11.5px; font-weight: 700; border-radius: 999px; padding: 1px 9px;
          text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; }
        .sev-critical { --sev: var(--critical); --sev-bg: var(--critical-bg); }
        .sev-high { --sev: var(--high); --sev-bg: var(--high-bg); }
        .sev-medium { --sev: var(--medium); --sev-bg: var(--medium-bg); }
        .sev-low { --sev: var(--low); --sev-bg: var(--low-bg); }
        .sev-info { --sev: var(--info); --sev-bg: var(--info-bg); }
        .badge.sev { background: var(--sev); color: #fff; }
        .badge.new { background: #0b7285; color: #fff; }
        .badge.accepted { background: var(--info-bg); color: var(--info); }
        .badge.status-open { background: var(--high-bg); color: var(--high); }
        .badge.status-resolved, .badge.status-closed { background: var(--ok-bg); color: var(--ok); }
        .groups { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; margin-bottom: 8px; }
        @media (max-width: 800px) { .groups { grid-template-columns: 1fr; } }
        .groups h3 { margin-top: 0; }
        table.counts td:first-child { width: 52%; }
        table.counts td code { font-size: 11px; }
        table.counts th .badge { min-width: 22px; text-align: center; padding: 1px 6px; }
        h3.sevhead { display: flex; align-items: center; gap: 8px; border-bottom: 2px solid var(--sev); padding-bottom: 4px; color: var(--sev); }
        .finding { border: 1px solid var(--line); border-left: 5px solid var(--sev); border-radius: 8px; padding: 12px 16px;
          margin: 10px 0; background: #fff; break-inside: avoid; }
        .finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px; }
        .finding h4 { margin: 0; font-size: 15.5px; }
        .finding .where { font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
        .excerpt { margin: 0 0 8px; padding: 8px 12px; background: #f8f9fa; border-radius: 6px; font-size: 14px;
          white-space: pre-wrap; overflow-wrap: anywhere; }
        mark { background: var(--sev-bg); color: inherit; border-bottom: 2px solid var(--sev); padding: 0 2px; border-radius: 2px; }
        .advice, .note { margin: 0 0 6px; } .advice strong { color: var(--sev); } .note strong { color: var(--muted); }
        .threats { margin: 0 0 6px; font-size: 13px; }
        .source { font-size: 12.5px; color: var(--muted); margin: 0; overflow-wrap: anywhere; }
        .chip { display: inline-block; font-size: 12.5px; background: #edf2ff; color: var(--accent); border-radius: 4px;
          padding: 1px 6px; margin: 2px 2px; text-decoration: none; }
        .chip span.marker { min-width: 18px; height: 18px; line-height: 18px; font-size: 11px; }
        td.path { overflow-wrap: anywhere; font-size: 12.5px; }
        .incident { border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 12px 0; break-inside: avoid; }
        .incident header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px; }
        .incident h3 { margin: 0; }
        .stepper { display: flex; flex-wrap: wrap; gap: 0; list-style: none; padding: 0; margin: 12px 0; counter-reset: step; }
        .stepper li { position: relative; padding: 6px 14px 6px 30px; margin-right: 22px; border-radius: 6px; font-size: 13.5px;
          background: #f1f3f5; color: var(--muted); }
        .stepper li::before { counter-increment: step; content: counter(step); position: absolute; left: 8px; top: 7px;
          width: 16px; height: 16px; border-radius: 50%; background: #ced4da; color: #fff; font-size: 11px; text-align: center; line-height: 16px; }
        .stepper li:not(:last-child)::after { content: "→"; position: absolute; right: -18px; top: 6px; color: var(--muted); }
        .stepper li.done { background: var(--ok-bg); color: var(--ok); } .stepper li.done::before { background: var(--ok); }
        .stepper li.current { background: var(--accent); color: #fff; font-weight: 700; } .stepper li.current::before { background: #fff; color: var(--accent); }
        .stepper li.next { outline: 2px dashed var(--high); color: var(--high); font-weight: 600; background: var(--high-bg); }
        .stepper li.next::before { background: var(--high); }
        .next-step { background: var(--high-bg); border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
        .next-step.complete { background: var(--ok-bg); }
        .timeline { list-style: none; margin: 0; padding: 0 0 0 18px; border-left: 2px solid var(--line); }
        .timeline li { position: relative; margin: 0 0 10px; padding-left: 8px; }
        .timeline li::before { content: ""; position: absolute; left: -25px; top: 6px; width: 10px; height: 10px; border-radius: 50%;
          background: var(--accent); border: 2px solid #fff; }
        .timeline time { font-size: 12.5px; color: var(--muted); margin-right: 8px; font-variant-numeric: tabular-nums; }
        .timeline .act { font-weight: 600; }
        .timeline p { margin: 2px 0 0; }
        .timeline .by { font-size: 12.5px; color: var(--muted); }
        .yes { color: var(--ok); font-weight: 700; } .no { color: var(--ko); font-weight: 700; }
        tr.uncovered td:first-child { border-left: 3px solid var(--ko); }
        .empty { color: var(--muted); font-style: italic; }
        footer { text-align: center; font-size: 12px; color: var(--muted); margin-top: 8px; }
        h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
        @media (max-width: 600px) {
          body { font-size: 14px; }
          .page { padding: 0 10px 32px; }
          .masthead { padding: 18px 0 14px; }
          h1 { font-size: 22px; } .client { font-size: 17px; }
          section { padding: 14px 12px; border-radius: 8px; }
          .cards { grid-template-columns: repeat(2, 1fr); gap: 8px; }
          .stat { padding: 8px 10px; } .stat .num { font-size: 24px; }
          th, td { padding: 5px 4px; }
          table.counts td:first-child { width: auto; }
          table.counts th, table.counts td { padding: 4px 2px; font-size: 12.5px; }
          table.counts th .badge { min-width: 18px; padding: 1px 3px; font-size: 10.5px; }
          th { letter-spacing: 0; }
          .finding { padding: 10px 10px; } .incident { padding: 10px 12px; }
          .stepper li { margin-right: 18px; margin-bottom: 6px; }
        }
        @media print {
          @page { margin: 12mm; }
          body { background: #fff; font-size: 10pt; }
          .page { max-width: none; padding: 0; }
          .masthead { padding: 12px 0; margin-bottom: 10px; }
          .masthead .page { padding: 0 4mm; }
          nav.toc { display: none; }
          section { border: none; padding: 0; margin: 0 0 14px; }
          section + section { break-before: auto; }
          .cards { grid-template-columns: repeat(6, 1fr); gap: 6px; }
          .stat { padding: 5px 8px; } .stat .num { font-size: 20px; } .stat .label { font-size: 11px; }
          .matrix { grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 12px; }
          svg.heatmap { width: 100%; break-inside: avoid; }
          .marker circle { r: 13.5px; } .marker text { font-size: 16.5px; }
          figcaption, .bands { font-size: 7.5pt; margin-top: 2px; }
          .register td:last-child { white-space: normal; }
          h2 { margin-bottom: 8px; }
          .register h3 { margin-bottom: 4px; }
          .finding, .incident, tr, .stat, li { break-inside: avoid; page-break-inside: avoid; }
          .groups { grid-template-columns: 1fr; gap: 8px; }
          table.counts td:first-child { width: 60%; }
          table.counts th, table.counts td { padding: 3px 4px; }
          a { color: inherit; text-decoration: none; }
        }
        """
}
