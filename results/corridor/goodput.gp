# corridor: bulk goodput over the whole walk per scheme, against the MH's speed.
# Reads points.csv (means over seeds with their 95 % intervals).
if (!exists("dir")) dir = "results/corridor"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/points.csv"
set title "Bulk upload goodput over the walk, against speed (signal roaming)"
set xlabel "MH speed (m/s); APs 80 m apart: 0.75 handovers a minute per m/s"
set ylabel "Goodput over the run (Mb/s)"
set key center right
set yrange [0:*]
set xrange [0:*]
plot f using (selg("bulk", "mobisocket-direct", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 1 title "MobiSocket (SIP INFO direct)", \
     f using (selg("bulk", "mobisocket-proxy", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 2 title "MobiSocket (SIP INFO via proxy)", \
     f using (selg("bulk", "mobisocket-inband", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 3 title "MobiSocket (in-band AddChange)", \
     f using (selg("bulk", "tcp-r", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 4 title "TCP-R", \
     f using (selg("bulk", "migrate", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 8 title "TCP Migrate", \
     f using (selg("bulk", "redirect", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 5 title "Redirect daemon", \
     f using (selg("bulk", "tcp", "x")):(column("run_goodput_mbps")):(column("run_goodput_mbps_ci95")) with yerrorlines ls 6 title "Plain TCP"
@PNG; set output dir."/goodput.png"
replot
@SVG; set output dir."/goodput.svg"
replot
