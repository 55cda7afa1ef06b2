# address-acquisition: each scheme's mean disruption (95 % confidence interval) per way of
# getting the new address. TCP-R, TCP Migrate and the redirect daemon run on IPv4 only.
# Data: by-addressing.csv (written by the experiment runner).
if (!exists("dir")) dir = "results/address-acquisition"
if (!exists("scripts")) scripts = "results"
load scripts."/common.gp"
f = dir."/by-addressing.csv"
set title "Disruption per scheme and way of getting the address (TCP-R, Migrate, daemon: IPv4 only)"
set ylabel "Disruption (s)"
set style data histograms
set style histogram errorbars gap 1 lw 1
set style fill solid 0.8 border -1
set key inside top left
set yrange [0:*]
set offsets 0, 0, graph 0.3, 0
set bmargin 6
set xtics nomirror font ",9"
d(s) = column(s."_disruption_s")
e(s) = column(s."_ci95")
@PNG; set output dir."/disruption.png"
plot f using (d("mobisocket-inband")):(e("mobisocket-inband")):xtic(strcol("family")."\n".strcol("mechanism")."\n".strcol("detail")) ls 3 title "MobiSocket (in band)", \
     f using (d("mobisocket-direct")):(e("mobisocket-direct")) ls 1 title "MobiSocket (SIP INFO direct)", \
     f using (d("mobisocket-proxy")):(e("mobisocket-proxy")) ls 2 title "MobiSocket (SIP INFO via proxy)", \
     f using (d("tcp-r")):(e("tcp-r")) ls 4 title "TCP-R", \
     f using (d("migrate")):(e("migrate")) ls 8 title "TCP Migrate", \
     f using (d("redirect")):(e("redirect")) ls 5 title "Redirect daemon"
@SVG; set output dir."/disruption.svg"
replot
