# corridor: the 1 Mb/s stream's one-way chunk delay against the MH's speed, per
# scheme. Left: the 99th percentile of the chunks delivered (the schemes that
# keep the connection; plain TCP's delivered chunks all came before its first
# handover). Right: the share of the chunks offered (until 1 s before the run's
# end) that arrived later than G.114's 150 ms or never. Reads points.csv (means
# over seeds with their 95 % intervals).
if (!exists("dir")) dir = "results/corridor"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
SCHEMES = "mobisocket-direct mobisocket-proxy mobisocket-inband tcp-r migrate redirect"
LABELS = "'MobiSocket (SIP direct)' 'MobiSocket (SIP via proxy)' 'MobiSocket in band' 'TCP-R' 'TCP Migrate' 'Redirect daemon'"
STYLES = "1 2 3 4 8 5"
label(i) = word(LABELS, i)
panels = "set multiplot layout 1,2 title 'A 1 Mb/s stream through the corridor (APs 80 m apart; 0.75 handovers a minute per m/s)'"
draw = "\
set title '99th percentile of the chunks delivered'; \
set xlabel 'MH speed (m/s)'; set ylabel 'One-way delay (ms)'; \
set xrange [0:*]; set yrange [0:*]; set key top left; \
plot for [i=1:6] f using (selg('stream', word(SCHEMES, i), 'x')):'delay_p99_ms':'delay_p99_ms_ci95' \
     with yerrorlines ls word(STYLES, i)+0 title word(LABELS, i); \
set title 'Chunks later than 150 ms (G.114) or lost'; \
set ylabel 'Share of the chunks offered (%)'; set yrange [0:100]; set key center right; \
plot for [i=1:6] f using (selg('stream', word(SCHEMES, i), 'x')):(column('late_share')*100):(column('late_share_ci95')*100) \
     with yerrorlines ls word(STYLES, i)+0 notitle, \
     f using (selg('stream', 'tcp', 'x')):(column('late_share')*100):(column('late_share_ci95')*100) \
     with yerrorlines ls 6 title 'Plain TCP'"
set terminal pngcairo size 1200,520 enhanced font 'sans,11'; set output dir."/delay.png"
@panels; @draw; unset multiplot
set terminal svg size 1200,520 enhanced font "sans,11" dynamic; set output dir."/delay.svg"
@panels; @draw; unset multiplot
