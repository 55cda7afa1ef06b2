# baselines: goodput around the handover, mean over the seeds, per scheme.
if (!exists("dir")) dir = "results/baselines"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/series.csv"
set title "Goodput around the handover (mean over seeds, 100 ms bins)"
set xlabel "Time (s)"
set ylabel "Goodput MH to CH (Mb/s)"
set key top right
set xrange [1.5:*]
set yrange [0:*]
@PNG; set output dir."/goodput-series.png"
plot f using "time_s":"mobisocket-direct_mbps" with steps ls 1 title "MobiSocket (SIP INFO direct)", \
     f using "time_s":"mobisocket-inband_mbps" with steps ls 3 title "MobiSocket (in-band AddChange)", \
     f using "time_s":"tcp-r_mbps" with steps ls 4 title "TCP-R", \
     f using "time_s":"migrate_mbps" with steps ls 8 title "TCP Migrate", \
     f using "time_s":"redirect_mbps" with steps ls 5 title "Redirect daemon", \
     f using "time_s":"tcp_mbps" with steps ls 6 title "Plain TCP"
@SVG; set output dir."/goodput-series.svg"
replot
