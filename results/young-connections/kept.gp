# young-connections: the share of the connections open across a handover that
# the redirect daemon keeps, against its PrepareAfter threshold (points: means
# with 95 % intervals; dashed, right axis: its key agreements per connection
# opened); the other schemes on the same workload as horizontal lines.
# Reads points.csv.
if (!exists("dir")) dir = "results/young-connections"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
ref(v) = (strcol("group") eq "reference" && strcol("variant") eq v) ? column("kept_share") * 100 : NaN
stats f using (ref("mobisocket-inband")) nooutput
mobi = STATS_mean
stats f using (ref("tcp-r")) nooutput
tcpr = STATS_mean
stats f using (ref("migrate")) nooutput
migrate = STATS_mean
stats f using (ref("tcp")) nooutput
plain = STATS_mean
set title "Connections kept across a handover against the redirect daemon's threshold (browsing)"
set xlabel "PrepareAfter: the age at which the daemon prepares a connection (s)"
set ylabel "Connections open across the move that were kept (%)"
set y2label "Key agreements per connection opened"
set ytics nomirror
set y2tics
set yrange [-3:105]
set y2range [-0.03:1.05]
set xrange [0:*]
set key center right
plot f using (selg("redirect", "redirect", "x")):(column("kept_share")*100):(column("kept_share_ci95")*100) with yerrorlines ls 5 title "Redirect daemon: kept", \
     f using (selg("redirect", "redirect", "x")):(column("agreements_per_connection")) axes x1y2 with linespoints ls 5 dt 2 title "Redirect daemon: key agreements (right)", \
     mobi with lines ls 3 title "MobiSocket in band (no agreement in advance)", \
     tcpr with lines ls 4 dt 4 title "TCP-R (one agreement per connection)", \
     migrate with lines ls 8 dt 3 title "TCP Migrate (one agreement per connection)", \
     plain with lines ls 6 title "Plain TCP"
@PNG; set output dir."/kept.png"
replot
@SVG; set output dir."/kept.svg"
replot
