/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBISOCKET_IPV6_TEST_BED_H
#define MOBISOCKET_IPV6_TEST_BED_H

/**
 * \file
 * \ingroup mobisocket-test
 * The wired IPv6 test bed (MH - router - CH) and a checked IPv6 connection
 * over it, shared by the IPv6 suite and the SIP suite's IPv6 cases.
 */

#include "mobisocket-test-support.h"

#include "ns3/point-to-point-module.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <sstream>
#include <vector>

/// The IPv6 test bed and its checked connection (ns-3 names unqualified, as in the suites).
namespace ipv6_bed
{

using namespace ns3;

/**
 * \brief MH - router - CH over point-to-point links, dual-stack nodes with
 *        IPv6 addresses only: global addresses 2001:1::/64 (MH side) and 2001:2::/64 (CH side). Not
 *        2001:db8::/32: ns-3 routers drop the documentation prefix
 *        (Ipv6L3Protocol::IpForward).
 *
 * With two links per host, each host has a second link to the router
 * (2001:3::/64 for the MH, 2001:4::/64 for the CH), addressed from the start
 * and with a default route of lower priority (metric 10) through it: the
 * connections use link 0 until the host leaves it (LeaveFirstLink()), and a
 * socket bound to the second link's device can use it at any time. Every
 * link can be made to lose everything in both directions (SetLinkUp()).
 */
struct Ipv6Bed
{
    static constexpr uint32_t MH = 0; //!< index of the MH in hosts
    static constexpr uint32_t CH = 1; //!< index of the CH in hosts

    NodeContainer hosts; //!< MH (0) and CH (1)
    Ptr<Node> router;    //!< the router
    Ipv6Address mh;      //!< MH's global address (link 0)
    Ipv6Address ch;      //!< CH's global address (link 0)
    uint32_t links;      //!< links per host

    Ipv6Address address[2][2];         //!< [host][link]: the host's global address
    Ipv6Address gateway[2][2];         //!< [host][link]: the router's global address there
    uint32_t interface[2][2]{};        //!< [host][link]: the host's interface index
    Ptr<NetDevice> device[2][2];       //!< [host][link]: the host's device
    Ptr<RateErrorModel> loss[2][2][2]; //!< [host][link][host side, router side]: drops all when on

    /// \param linksPerHost 1 (link 0 only) or 2
    explicit Ipv6Bed(uint32_t linksPerHost = 1)
        : links(linksPerHost)
    {
        hosts.Create(2);
        router = CreateObject<Node>();
        InternetStackHelper stack;
        stack.Install(hosts);
        stack.Install(router);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("5ms"));
        Ipv6AddressHelper helper;
        for (uint32_t link = 0; link < links; ++link)
        {
            for (uint32_t host : {MH, CH})
            {
                NetDeviceContainer devices = p2p.Install(hosts.Get(host), router);
                for (uint32_t end = 0; end < 2; ++end)
                {
                    Ptr<RateErrorModel> model = CreateObject<RateErrorModel>();
                    model->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
                    model->SetRate(1.0);
                    model->Disable();
                    devices.Get(end)->SetAttribute("ReceiveErrorModel", PointerValue(model));
                    loss[host][link][end] = model;
                }
                std::ostringstream prefix;
                prefix << "2001:" << (1 + host + 2 * link) << "::";
                helper.SetBase(Ipv6Address(prefix.str().c_str()), Ipv6Prefix(64));
                Ipv6InterfaceContainer side = helper.Assign(devices);
                side.SetForwarding(1, true);
                if (link == 0)
                {
                    side.SetDefaultRouteInAllNodes(1);
                }
                address[host][link] = side.GetAddress(0, 1);
                gateway[host][link] = side.GetAddress(1, 1);
                interface[host][link] = side.GetInterfaceIndex(0);
                device[host][link] = devices.Get(0);
                if (link == 1)
                {
                    Ipv6StaticRoutingHelper()
                        .GetStaticRouting(hosts.Get(host)->GetObject<Ipv6>())
                        ->SetDefaultRoute(gateway[host][1],
                                          interface[host][1],
                                          Ipv6Address("::"),
                                          10);
                }
            }
        }
        mh = address[MH][0];
        ch = address[CH][0];
    }

    /**
     * \brief Make a link lose everything in both directions, or carry again.
     * \param host MH or CH
     * \param link 0 or 1
     * \param up false: the link drops every packet
     */
    void SetLinkUp(uint32_t host, uint32_t link, bool up)
    {
        for (const Ptr<RateErrorModel>& model : loss[host][link])
        {
            up ? model->Disable() : model->Enable();
        }
    }

    /**
     * \brief The host has left link 0: its address there is removed, and so
     *        are the routes through it; it is reached and routes through
     *        link 1 from now on (the link itself stays as it was).
     * \param host MH or CH
     */
    void LeaveFirstLink(uint32_t host)
    {
        Ptr<Ipv6> ipv6 = hosts.Get(host)->GetObject<Ipv6>();
        NS_ABORT_MSG_UNLESS(ipv6->RemoveAddress(interface[host][0], address[host][0]),
                            "Ipv6Bed: " << address[host][0] << " was not on the host");
        Ptr<Ipv6StaticRouting> routing = Ipv6StaticRoutingHelper().GetStaticRouting(ipv6);
        for (uint32_t i = routing->GetNRoutes(); i-- > 0;)
        {
            if (routing->GetRoute(i).GetInterface() == interface[host][0])
            {
                routing->RemoveRoute(i);
            }
        }
    }
};

/// One TCP segment seen leaving a host over IPv6.
struct Segment6
{
    Time time;                     //!< when it left the IP layer
    Ipv6Address source;            //!< IP source
    Ipv6Address destination;       //!< IP destination
    uint16_t sourcePort{0};        //!< TCP source port
    uint16_t destinationPort{0};   //!< TCP destination port
    uint8_t flags{0};              //!< TCP flags
    uint32_t sequence{0};          //!< sequence number
    uint32_t ack{0};               //!< acknowledgement number
    uint32_t payload{0};           //!< payload bytes
    bool mobilityOption{false};    //!< carries the MobiSocket option (ExID 0x4D53)
    TcpHeader tcp;                 //!< the TCP header as sent
    std::vector<uint8_t> urgent{}; //!< the payload of an URG segment (control message)

    /// \return true for a data segment (payload, no URG)
    bool IsData() const
    {
        return payload > 0 && !(flags & TcpHeader::URG);
    }
};

/// Records every TCP segment a node sends over IPv6 (Ipv6L3Protocol Tx trace).
struct Ipv6SegmentRecorder
{
    std::vector<Segment6> segments; //!< what was sent, in order

    /// \param node the node whose IPv6 transmissions to record
    void Attach(Ptr<Node> node)
    {
        node->GetObject<Ipv6L3Protocol>()->TraceConnectWithoutContext(
            "Tx",
            MakeCallback(&Ipv6SegmentRecorder::Tx, this));
    }

    /// Ipv6L3Protocol Tx trace sink \param packet the packet with its IP header
    void Tx(Ptr<const Packet> packet, Ptr<Ipv6> /* ipv6 */, uint32_t /* interface */)
    {
        Ptr<Packet> copy = packet->Copy();
        Ipv6Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetNextHeader() != TcpL4Protocol::PROT_NUMBER)
        {
            return;
        }
        Segment6 s;
        copy->RemoveHeader(s.tcp);
        s.time = Simulator::Now();
        s.source = ip.GetSource();
        s.destination = ip.GetDestination();
        s.sourcePort = s.tcp.GetSourcePort();
        s.destinationPort = s.tcp.GetDestinationPort();
        s.flags = s.tcp.GetFlags();
        s.sequence = s.tcp.GetSequenceNumber().GetValue();
        s.ack = s.tcp.GetAckNumber().GetValue();
        s.payload = copy->GetSize();
        std::vector<uint8_t> option;
        s.mobilityOption = TcpOptionExperimental::Find(s.tcp, MobiSocket::EXID, option);
        if (s.flags & TcpHeader::URG)
        {
            s.urgent.resize(s.payload);
            copy->CopyData(s.urgent.data(), s.payload);
        }
        segments.push_back(s);
    }

    /**
     * \param test which segments to count
     * \return how many of the recorded segments pass it
     */
    int Count(const std::function<bool(const Segment6&)>& test) const
    {
        return static_cast<int>(std::count_if(segments.begin(), segments.end(), test));
    }

    /**
     * \param source an IP source address
     * \return the data segments (Segment6::IsData) sent from it, in order
     */
    std::vector<Segment6> DataFrom(Ipv6Address source) const
    {
        std::vector<Segment6> out;
        std::copy_if(segments.begin(),
                     segments.end(),
                     std::back_inserter(out),
                     [source](const Segment6& s) { return s.IsData() && s.source == source; });
        return out;
    }
};

/// What one end's in-band exchange did (ChangeExchange trace sources).
struct ExchangeLog
{
    int updateSent{0};      //!< "UpdateSent": AddChanges sent (first sends)
    int updateAccepted{0};  //!< "UpdateAccepted": the peer's AddChanges accepted
    int confirmSent{0};     //!< "ConfirmSent": AddConfirms sent
    int confirmAccepted{0}; //!< "ConfirmAccepted": the peer's AddConfirms accepted
    int rejected{0};        //!< "Rejected": control messages rejected
    int failed{0};          //!< "Failed": changes given up

    /// \param exchange the exchange whose trace sources to follow
    void Attach(Ptr<ChangeExchange> exchange)
    {
        auto count = [](int* n) {
            return MakeLambdaCallback<void, const AddressUpdateHeader&>(
                [n](const AddressUpdateHeader&) { ++*n; });
        };
        auto countConfirm = [](int* n) {
            return MakeLambdaCallback<void, const AddressConfirmHeader&>(
                [n](const AddressConfirmHeader&) { ++*n; });
        };
        exchange->TraceConnectWithoutContext("UpdateSent", count(&updateSent));
        exchange->TraceConnectWithoutContext("UpdateAccepted", count(&updateAccepted));
        exchange->TraceConnectWithoutContext("ConfirmSent", countConfirm(&confirmSent));
        exchange->TraceConnectWithoutContext("ConfirmAccepted", countConfirm(&confirmAccepted));
        exchange->TraceConnectWithoutContext(
            "Rejected",
            MakeLambdaCallback<void, MobilityControlHeader::MessageType, ChangeRejectReason>(
                [this](MobilityControlHeader::MessageType, ChangeRejectReason) { ++rejected; }));
        exchange->TraceConnectWithoutContext("Failed",
                                             MakeLambdaCallback<void, uint32_t, ChangeFailReason>(
                                                 [this](uint32_t, ChangeFailReason) { ++failed; }));
    }
};

/// What an Ipv6Run sets up.
struct Ipv6RunConfig
{
    std::string mhFactory{"ns3::MobiSocketFactory"};            //!< the MH's socket factory
    std::string chFactory{"ns3::MobiSocketFactory"};            //!< the CH's socket factory
    MobiSocket::Signalling signalling{MobiSocket::APPLICATION}; //!< who signals changes
    uint64_t mhSendBytes{3000000};                              //!< pattern bytes the MH sends
    uint64_t chSendBytes{1000000};                              //!< pattern bytes the CH sends
    bool mhConnects{true}; //!< the MH connects (false: the CH connects to the MH)
};

/**
 * \brief The two-link Ipv6Bed with one checked IPv6 connection between MH
 *        and CH (both directions), MobiSockets with mobility on (the module
 *        installed only on the hosts that use it), each end given its key
 *        pair and the peer's public key when the connection is up, and every
 *        IPv6 TCP segment of both hosts recorded.
 */
class Ipv6Run
{
  public:
    static constexpr uint16_t PORT = 5000; //!< listening port

    /// \param config what to set up
    explicit Ipv6Run(const Ipv6RunConfig& config)
        : bed(2),
          signalling(config.signalling)
    {
        MobiSocketHelper helper;
        helper.SetSocketAttribute("MobilityEnabled", BooleanValue(true));
        helper.SetSocketAttribute("Signalling", EnumValue(config.signalling));
        helper.SetSocketAttribute("ResetTimerAfterChange", BooleanValue(true));
        const std::string factory[2] = {config.mhFactory, config.chFactory};
        const uint64_t send[2] = {config.mhSendBytes, config.chSendBytes};
        const uint32_t active = config.mhConnects ? Ipv6Bed::MH : Ipv6Bed::CH;
        for (uint32_t host : {Ipv6Bed::MH, Ipv6Bed::CH})
        {
            if (factory[host] == "ns3::MobiSocketFactory")
            {
                helper.Install(bed.hosts.Get(host));
            }
        }
        for (uint32_t host : {Ipv6Bed::MH, Ipv6Bed::CH})
        {
            keys[host] = helper.GenerateKeyPair();
            app[host] = CreateObject<IntegrityApplication>();
            app[host]->SetAttribute("Protocol", TypeIdValue(TypeId::LookupByName(factory[host])));
            app[host]->SetAttribute("SendBytes", UintegerValue(send[host]));
            if (host == active)
            {
                app[host]->SetAttribute(
                    "Remote",
                    AddressValue(Inet6SocketAddress(bed.address[1 - host][0], PORT)));
                app[host]->SetStartTime(Seconds(2.1));
            }
            else
            {
                app[host]->SetAttribute(
                    "Local",
                    AddressValue(Inet6SocketAddress(Ipv6Address::GetAny(), PORT)));
                app[host]->SetStartTime(Seconds(2));
            }
            app[host]->TraceConnectWithoutContext(
                "Connected",
                MakeLambdaCallback<void, Ptr<Socket>>(
                    [this, host](Ptr<Socket> socket) { Connected(host, socket); }));
            bed.hosts.Get(host)->AddApplication(app[host]);
            tx[host].Attach(bed.hosts.Get(host));
        }
        mhApp = app[Ipv6Bed::MH];
        chApp = app[Ipv6Bed::CH];
    }

    Ipv6Bed bed;                       //!< the network (two links per host)
    MobiSocket::Signalling signalling; //!< who signals changes
    Ed25519KeyPair keys[2];            //!< [host] its key pair
    Ptr<IntegrityApplication> app[2];  //!< [host] its end of the stream
    Ptr<IntegrityApplication> mhApp;   //!< app[MH]
    Ptr<IntegrityApplication> chApp;   //!< app[CH]
    Ipv6SegmentRecorder tx[2];         //!< [host] the segments it sent
    ExchangeLog exchange[2];           //!< [host] its in-band exchange
    std::vector<int> updateResults;    //!< return values of Move()'s UpdateTcb calls

    /// \param host MH or CH \return the host's connection as a MobiSocket (null if none)
    Ptr<MobiSocket> Sock(uint32_t host) const
    {
        return DynamicCast<MobiSocket>(app[host]->GetSocket());
    }

    /// \return the MH's connection as a MobiSocket
    Ptr<MobiSocket> MhSocket() const
    {
        return Sock(Ipv6Bed::MH);
    }

    /// \return the CH's connection as a MobiSocket
    Ptr<MobiSocket> ChSocket() const
    {
        return Sock(Ipv6Bed::CH);
    }

    /**
     * \brief Move hosts now, as the application of each end reacts: each
     *        mover's link 0 fails at once; after the outage it has left link
     *        0 and updates SOURCE to its link 1 address (port newPort, 0:
     *        unchanged). With application signalling each peer updates
     *        DESTINATION 30 ms later (the INFO exchange), then both ends call
     *        ResetTimer; in-band, the socket tells the peer itself.
     * \param movers the hosts that move (MH, CH or both)
     * \param outage how long they have no link
     * \param newPort the port the movers take (0: keep it)
     */
    void Move(std::vector<uint32_t> movers, Time outage, uint16_t newPort = 0)
    {
        for (uint32_t host : movers)
        {
            bed.SetLinkUp(host, 0, false);
        }
        Simulator::Schedule(outage, [this, movers, newPort]() {
            for (uint32_t host : movers)
            {
                bed.LeaveFirstLink(host);
                updateResults.push_back(
                    Sock(host)->UpdateTcb(MobiSocket::SOURCE,
                                          Inet6SocketAddress(bed.address[host][1], newPort)));
            }
            if (signalling == MobiSocket::APPLICATION)
            {
                Simulator::Schedule(MilliSeconds(30), [this, movers, newPort]() {
                    for (uint32_t host : movers)
                    {
                        updateResults.push_back(Sock(1 - host)->UpdateTcb(
                            MobiSocket::DESTINATION,
                            Inet6SocketAddress(bed.address[host][1], newPort)));
                    }
                    MhSocket()->ResetTimer();
                    ChSocket()->ResetTimer();
                });
            }
        });
    }

    /// \param stop when to stop the simulation
    void Run(Time stop)
    {
        Simulator::Stop(stop);
        Simulator::Run();
    }

  private:
    /**
     * \brief A connection is up: give a MobiSocket its keys, follow its exchange.
     * \param host the host \param socket its connection
     */
    void Connected(uint32_t host, Ptr<Socket> socket)
    {
        if (Ptr<MobiSocket> mobi = DynamicCast<MobiSocket>(socket))
        {
            mobi->SetLocalKeyPair(keys[host]);
            mobi->SetPeerPublicKey(keys[1 - host].publicKey);
            exchange[host].Attach(mobi->GetExchange());
        }
    }
};

} // namespace ipv6_bed

#endif /* MOBISOCKET_IPV6_TEST_BED_H */
