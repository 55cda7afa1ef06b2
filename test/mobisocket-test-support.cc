/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobisocket-test-support.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <csignal>
#include <iostream>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace ns3;

NsFixture::NsFixture()
{
    Config::Reset();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);
}

NsFixture::~NsFixture()
{
    Simulator::Destroy();
    Config::Reset();
}

ChildOutcome
RunInChild(const std::function<void()>& call)
{
    int fds[2];
    BOOST_REQUIRE(pipe(fds) == 0);
    std::cout.flush();
    std::cerr.flush();
    pid_t pid = fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        // Die as the program would, not in Boost.Test's signal handlers.
        for (int sig : {SIGABRT, SIGSEGV, SIGFPE, SIGILL, SIGBUS})
        {
            signal(sig, SIG_DFL);
        }
        call();
        std::cerr.flush();
        _exit(0);
    }
    close(fds[1]);
    ChildOutcome outcome;
    char buffer[4096];
    ssize_t n;
    while ((n = read(fds[0], buffer, sizeof(buffer))) > 0)
    {
        outcome.stderrText.append(buffer, n);
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    outcome.stopped = WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != 0);
    return outcome;
}

bool
Segment::IsData() const
{
    return payload > 0 && !(flags & TcpHeader::URG);
}

void
SegmentRecorder::Attach(Ptr<Node> node)
{
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Tx",
        MakeCallback(&SegmentRecorder::Tx, this));
}

void
SegmentRecorder::AttachReceive(Ptr<Node> node)
{
    node->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "Rx",
        MakeCallback(&SegmentRecorder::Tx, this));
}

void
SegmentRecorder::Tx(Ptr<const Packet> packet, Ptr<Ipv4> /* ipv4 */, uint32_t /* interface */)
{
    Ptr<Packet> copy = packet->Copy();
    Ipv4Header ip;
    copy->RemoveHeader(ip);
    if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
    {
        return;
    }
    TcpHeader tcp;
    copy->RemoveHeader(tcp);
    Segment s;
    s.time = Simulator::Now();
    s.source = ip.GetSource();
    s.destination = ip.GetDestination();
    s.sourcePort = tcp.GetSourcePort();
    s.destinationPort = tcp.GetDestinationPort();
    s.flags = tcp.GetFlags();
    s.sequence = tcp.GetSequenceNumber().GetValue();
    s.ack = tcp.GetAckNumber().GetValue();
    s.payload = copy->GetSize();
    std::vector<uint8_t> option;
    s.mobilityOption = TcpOptionExperimental::Find(tcp, MobiSocket::EXID, option);
    segments.push_back(s);
}

std::vector<Segment>
DataFrom(const SegmentRecorder& recorder, Ipv4Address source)
{
    std::vector<Segment> out;
    for (const Segment& s : recorder.segments)
    {
        if (s.IsData() && s.source == source)
        {
            out.push_back(s);
        }
    }
    return out;
}

WireComparison
CompareWire(const std::vector<Segment>& reference,
            const std::vector<Segment>& other,
            bool optionIsMismatch)
{
    WireComparison c;
    for (size_t i = 0; i < std::min(reference.size(), other.size()); ++i)
    {
        const Segment& a = reference[i];
        const Segment& b = other[i];
        c.optionDifferences += (a.mobilityOption != b.mobilityOption);
        c.mismatches += !(a.flags == b.flags && a.sequence == b.sequence && a.ack == b.ack &&
                          a.payload == b.payload && a.sourcePort == b.sourcePort &&
                          a.source == b.source && !(optionIsMismatch && b.mobilityOption));
        c.maxShift = Max(c.maxShift, Abs(a.time - b.time));
    }
    return c;
}

WiredScenario::Parameters
WiredParameters(const WiredRunConfig& config)
{
    WiredScenario::Parameters p;
    p.protocol =
        config.mobileFactory == RedirectSocketFactory::GetTypeId() ? "redirect" : "mobisocket";
    p.signalling = config.signalling == MobiSocket::IN_BAND ? "inband" : "application";
    p.resetTimer = config.resetTimerAfterChange;
    p.mhMobile = config.mhMobile;
    p.chMobile = config.chMobile;
    p.activate = config.activate;
    p.mhConnects = config.mhConnects;
    p.mhSendBytes = config.mhSendBytes;
    p.chSendBytes = config.chSendBytes;
    p.giveKeys = config.giveKeys;
    p.givePeerKeys = config.givePeerKeys;
    p.startS = config.start.GetSeconds();
    p.simTimeS = 1e6;      // WiredRun::Run chooses when to stop
    p.followMoves = false; // UpdateOnMove and InstallRedirectDaemons turn it on
    return p;
}

WiredRun::WiredRun(const WiredRunConfig& config)
    : scenario(WiredParameters(config)),
      topology(scenario.GetTopology())
{
    mhApp = scenario.GetApplication(Host::MH);
    chApp = scenario.GetApplication(Host::CH);
    if (scenario.GetParameters().protocol != "redirect")
    {
        scenario.InstallScheme();
        auto& mobi = dynamic_cast<MobiSocketScheme&>(scenario.GetScheme());
        mhKeys = mobi.GetKeyPair(Host::MH);
        chKeys = mobi.GetKeyPair(Host::CH);
    }
    mhTx.Attach(topology.GetHost(WiredHandoverTopology::MH));
    chTx.Attach(topology.GetHost(WiredHandoverTopology::CH));
}

Ptr<MobiSocket>
WiredRun::MhSocket() const
{
    return DynamicCast<MobiSocket>(mhApp->GetSocket());
}

Ptr<MobiSocket>
WiredRun::ChSocket() const
{
    return DynamicCast<MobiSocket>(chApp->GetSocket());
}

void
WiredRun::UpdateOnMove(Time peerDelay, bool resetTimer)
{
    scenario.GetParameters().appSignallingDelayMs = peerDelay.GetSeconds() * 1000;
    scenario.GetParameters().resetTimer = resetTimer;
    scenario.FollowMoves();
}

void
WiredRun::InstallRedirectDaemons(const RedirectDaemonHelper& helper)
{
    auto& redirect = dynamic_cast<RedirectDaemonScheme&>(scenario.GetScheme());
    redirect.UseHelper(helper);
    scenario.InstallScheme();
    scenario.FollowMoves();
    mhDaemon = redirect.GetDaemon(Host::MH);
    chDaemon = redirect.GetDaemon(Host::CH);
}

void
WiredRun::Run(Time stop)
{
    Simulator::Stop(stop);
    Simulator::Run();
}

Ipv4Address
AddressOf(const Address& address)
{
    return InetSocketAddress::ConvertFrom(address).GetIpv4();
}

uint16_t
PortOf(const Address& address)
{
    return InetSocketAddress::ConvertFrom(address).GetPort();
}

void
InjectUrgentSegment(Ptr<Node> node,
                    Ipv4Address source,
                    uint16_t sourcePort,
                    Ipv4Address destination,
                    uint16_t destinationPort,
                    const std::vector<uint8_t>& payload)
{
    TcpHeader header;
    header.SetFlags(TcpHeader::ACK | TcpHeader::URG);
    header.SetSourcePort(sourcePort);
    header.SetDestinationPort(destinationPort);
    header.SetWindowSize(65535);
    header.SetUrgentPointer(static_cast<uint16_t>(payload.size()));
    Ptr<Packet> packet = Create<Packet>(payload.data(), payload.size());
    node->GetObject<TcpL4Protocol>()->SendPacket(packet, header, source, destination);
}

void
InjectMigrateSyn(Ptr<Node> node,
                 Ipv4Address source,
                 uint16_t sourcePort,
                 Ipv4Address destination,
                 uint16_t destinationPort,
                 const MobilityControlHeader& message)
{
    TcpHeader header;
    bool synAck = message.GetMessageType() == MobilityControlHeader::MIGRATE_SYN_ACK;
    header.SetFlags(synAck ? (TcpHeader::SYN | TcpHeader::ACK) : TcpHeader::SYN);
    header.SetSourcePort(sourcePort);
    header.SetDestinationPort(destinationPort);
    header.SetWindowSize(65535);
    header.AppendOption(
        CreateObject<TcpOptionExperimental>(MigrateOption::EXID, MigrateOption::Encode(message)));
    node->GetObject<TcpL4Protocol>()->SendPacket(Create<Packet>(), header, source, destination);
}

std::vector<uint8_t>
Serialize(const Header& header)
{
    Buffer buffer;
    buffer.AddAtStart(header.GetSerializedSize());
    header.Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(header.GetSerializedSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

void
UseSignalRoaming(HandoverScenario::Parameters& p)
{
    p.roaming = "signal";
    p.apChannels = "36,44";
    p.apSpacingM = 80;
    p.activeProbing = true;
}

bool
UseScheme(HandoverScenario::Parameters& p, const std::string& scheme)
{
    const bool keyed = scheme == "tcp-r" || scheme == "migrate" || scheme == "redirect";
    p.protocol = keyed ? scheme : "mobisocket";
    p.signalling = keyed ? "inband" : scheme;
    return keyed;
}

const HandoverScenario::NodeCrypto&
CryptoOf(const HandoverScenario::Result& r, Host host)
{
    const NodeCrypto* crypto = r.FindCrypto(host);
    BOOST_REQUIRE_MESSAGE(crypto, "no crypto record for " << host);
    return *crypto;
}

void
CheckRestartTiming(const std::vector<Time>& retransmissions,
                   Time firstNew,
                   Time update,
                   bool resetTimer)
{
    const std::vector<Time>& retx = retransmissions;
    BOOST_REQUIRE(retx.size() >= 3u);
    for (size_t i = 2; i < retx.size(); ++i)
    {
        BOOST_TEST((retx[i] - retx[i - 1]) == 2 * (retx[i - 1] - retx[i - 2]));
    }
    if (resetTimer)
    {
        BOOST_TEST(firstNew >= update);
        BOOST_TEST(firstNew - update < MilliSeconds(20)); // within one RTT
    }
    else
    {
        // The next expiry of the backed-off timer: it fires once more at the
        // old address before the move if it falls in the outage.
        Time next = retx.back() + 2 * (retx.back() - retx[retx.size() - 2]);
        BOOST_TEST(firstNew == next);
        BOOST_TEST(firstNew > update + Seconds(1));
    }
}
