/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "mobisocket-test-support.h"

#include <algorithm>
#include <boost/test/unit_test.hpp>
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

WiredRun::WiredRun(const WiredRunConfig& config)
    : m_config(config)
{
    mobi.SetSocketAttribute("MobilityEnabled", BooleanValue(config.activate));
    mobi.SetSocketAttribute("Signalling", EnumValue(config.signalling));
    mobi.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(config.resetTimerAfterChange));
    mobi.Install(topology.GetHosts());
    mhKeys = mobi.GenerateKeyPair();
    chKeys = mobi.GenerateKeyPair();

    Ptr<Node> mh = topology.GetHost(WiredHandoverTopology::MH);
    Ptr<Node> ch = topology.GetHost(WiredHandoverTopology::CH);
    mhApp = CreateObject<IntegrityApplication>();
    chApp = CreateObject<IntegrityApplication>();
    mhApp->SetAttribute(
        "Protocol",
        TypeIdValue(config.mhMobile ? config.mobileFactory : TcpSocketFactory::GetTypeId()));
    chApp->SetAttribute(
        "Protocol",
        TypeIdValue(config.chMobile ? config.mobileFactory : TcpSocketFactory::GetTypeId()));
    mhApp->SetAttribute("SendBytes", UintegerValue(config.mhSendBytes));
    chApp->SetAttribute("SendBytes", UintegerValue(config.chSendBytes));
    Ptr<IntegrityApplication> active = config.mhConnects ? mhApp : chApp;
    Ptr<IntegrityApplication> passive = config.mhConnects ? chApp : mhApp;
    WiredHandoverTopology::Host passiveHost =
        config.mhConnects ? WiredHandoverTopology::CH : WiredHandoverTopology::MH;
    passive->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), PORT)));
    active->SetAttribute(
        "Remote",
        AddressValue(InetSocketAddress(topology.GetAddress(passiveHost, 0), PORT)));
    mh->AddApplication(mhApp);
    ch->AddApplication(chApp);
    passive->SetStartTime(Seconds(0));
    active->SetStartTime(config.start);

    if (config.giveKeys)
    {
        mhApp->TraceConnectWithoutContext(
            "Connected",
            MakeCallback(&WiredRun::HandKeys, this).Bind(mhKeys, chKeys, config.givePeerKeys));
        chApp->TraceConnectWithoutContext(
            "Connected",
            MakeCallback(&WiredRun::HandKeys, this).Bind(chKeys, mhKeys, config.givePeerKeys));
    }
    mhTx.Attach(mh);
    chTx.Attach(ch);
}

void
WiredRun::HandKeys(Ed25519KeyPair own, Ed25519KeyPair peer, bool withPeerKey, Ptr<Socket> socket)
{
    Ptr<MobiSocket> mobiSocket = DynamicCast<MobiSocket>(socket);
    if (mobiSocket)
    {
        mobiSocket->SetLocalKeyPair(own);
        if (withPeerKey)
        {
            mobiSocket->SetPeerPublicKey(peer.publicKey);
        }
    }
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
    topology.SetAddressChangeCallback(
        MakeCallback(&WiredRun::OnMove, this).Bind(peerDelay, resetTimer));
}

void
WiredRun::OnMove(Time peerDelay,
                 bool resetTimer,
                 uint32_t host,
                 Ipv4Address /* oldAddress */,
                 Ipv4Address newAddress)
{
    Ptr<MobiSocket> own = host == WiredHandoverTopology::MH ? MhSocket() : ChSocket();
    Ptr<MobiSocket> peer = host == WiredHandoverTopology::MH ? ChSocket() : MhSocket();
    own->UpdateTcb(MobiSocket::SOURCE, InetSocketAddress(newAddress, 0));
    if (m_config.signalling == MobiSocket::IN_BAND)
    {
        return; // the socket tells the peer itself
    }
    Simulator::Schedule(peerDelay, [own, peer, newAddress, resetTimer]() {
        peer->UpdateTcb(MobiSocket::DESTINATION, InetSocketAddress(newAddress, 0));
        if (resetTimer)
        {
            peer->ResetTimer();
            own->ResetTimer();
        }
    });
}

void
WiredRun::InstallRedirectDaemons(const RedirectDaemonHelper& helper)
{
    mhDaemon = DynamicCast<RedirectDaemon>(
        helper.Install(topology.GetHost(WiredHandoverTopology::MH)).Get(0));
    chDaemon = DynamicCast<RedirectDaemon>(
        helper.Install(topology.GetHost(WiredHandoverTopology::CH)).Get(0));
    topology.SetAddressChangeCallback(MakeCallback(&WiredRun::NotifyDaemon, this));
}

void
WiredRun::NotifyDaemon(uint32_t host, Ipv4Address /* oldAddress */, Ipv4Address newAddress)
{
    (host == WiredHandoverTopology::MH ? mhDaemon : chDaemon)->NotifyAddressChange(newAddress);
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

const HandoverScenario::NodeCrypto&
CryptoOf(const HandoverScenario::Result& r, const std::string& node)
{
    auto it = std::find_if(r.crypto.begin(), r.crypto.end(), [&node](const auto& c) {
        return c.node == node;
    });
    BOOST_REQUIRE_MESSAGE(it != r.crypto.end(), "no crypto record for " << node);
    return *it;
}
