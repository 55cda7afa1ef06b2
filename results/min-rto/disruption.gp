# min-rto: disruption against the outage length, ResetTimer called or not,
# under ns-3's 1 s and Linux's 200 ms minimum RTO.
if (!exists("dir")) dir = "results/min-rto"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "ResetTimer under ns-3's and Linux's minimum RTO (MobiSocket in band, WiFi handover)"
set xlabel "Outage: last byte to confirmed update (s; AP spacing 100-200 m at 15 m/s)"
set ylabel "Disruption: last byte before to first byte after (s)"
set key top left
set yrange [0:*]
@PNG; set output dir."/disruption.png"
plot f using (sel("ns3-reset", "outage_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 title "min RTO 1 s (ns-3), ResetTimer", \
     f using (sel("ns3-no-reset", "outage_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 2 title "min RTO 1 s (ns-3), no ResetTimer", \
     f using (sel("linux-reset", "outage_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 1 dt 2 title "min RTO 200 ms (Linux), ResetTimer", \
     f using (sel("linux-no-reset", "outage_s")):"disruption_s":"disruption_s_ci95" with yerrorlines ls 4 title "min RTO 200 ms (Linux), no ResetTimer", \
     f using (sel("ns3-reset", "outage_s")):"outage_s" with lines ls 7 title "path usable again (update confirmed)"
@SVG; set output dir."/disruption.svg"
replot
