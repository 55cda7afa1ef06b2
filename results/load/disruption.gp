# load: what an MH's handover takes when M MHs hand over together into the
# same cell, per scheme. Left: the mean disruption over every MH's completed
# handover. Right: its five parts for MobiSocket in band (detection: last old
# byte to leaving the AP; link layer; address; update; resumption), which add
# up to it. Reads points.csv (means over seeds with their 95 % intervals).
if (!exists("dir")) dir = "results/load"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
SCHEMES = "mobisocket-direct mobisocket-proxy mobisocket-inband tcp-r migrate redirect"
LABELS = "'MobiSocket (SIP direct)' 'MobiSocket (SIP via proxy)' 'MobiSocket in band' 'TCP-R' 'TCP Migrate' 'Redirect daemon'"
STYLES = "1 2 3 4 8 5"
PARTS = "mean_detection_s mean_l2_s mean_address_s mean_update_s mean_resume_s"
PLABELS = "'detection' 'link layer' 'address (DHCP)' 'update' 'resumption'"
PSTYLES = "6 4 5 3 2"
panels = "set multiplot layout 1,2 title 'M mobile hosts handing over together (signal roaming, a 256 kb/s stream each)'"
draw = "\
set logscale x 2; set xlabel 'Mobile hosts handing over together'; \
set title 'Disruption (mean over every MH)'; set ylabel 'Disruption (s)'; \
set yrange [0:*]; set offsets 0, 0, graph 0.08, 0; set key top left; \
plot for [i=1:6] f using (sel(word(SCHEMES, i), 'x')):'mean_disruption_s':'mean_disruption_s_ci95' \
     with yerrorlines ls word(STYLES, i)+0 title word(LABELS, i); \
set title 'Its parts, MobiSocket in band (they add up to it)'; set ylabel 'Time (ms)'; \
set key top left; \
plot for [i=1:5] f using (sel('mobisocket-inband', 'x')):(column(word(PARTS, i))*1e3):(column(word(PARTS, i).'_ci95')*1e3) \
     with yerrorlines ls word(PSTYLES, i)+0 title word(PLABELS, i)"
set terminal pngcairo size 1200,520 enhanced font 'sans,11'; set output dir."/disruption.png"
@panels; @draw; unset multiplot
set terminal svg size 1200,520 enhanced font "sans,11" dynamic; set output dir."/disruption.svg"
@panels; @draw; unset multiplot
