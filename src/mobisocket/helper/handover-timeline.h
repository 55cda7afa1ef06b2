/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HANDOVER_TIMELINE_H
#define HANDOVER_TIMELINE_H

#include "scenario-result.h"

#include "ns3/ip-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/ns3-compat.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"

#include <array>
#include <map>
#include <memory>
#include <vector>

namespace ns3
{

class ChangeExchange;
class CpuEnergyModel;
class CryptoAgent;

class IntegrityApplication;
class MobileSlaacClient;
class Ipv4;
class Node;
class Packet;
class PacketSink;
class Socket;
class ScanningAssocManager;
class StaWifiMac;

/**
 * \ingroup mobisocket
 * \brief Collects, from trace sources only, everything a handover run
 *        measures: the per-handover timeline and outcome, goodput and delay
 *        series, retransmissions and RTO expiries, and signalling on the wire.
 *
 * Every number of a ScenarioResult is computed here, once, from what the
 * models trace. The address-change exchange of every scheme is followed
 * through the one vocabulary of ChangeExchange (UpdateSent, UpdateAccepted,
 * ConfirmAccepted, Failed), whoever owns the exchange.
 */
class HandoverTimeline
{
  public:
    /**
     * \param binWidth goodput bin width
     */
    explicit HandoverTimeline(Time binWidth);
    ~HandoverTimeline();

    /// Not copyable: the trace sinks it connected point to it.
    HandoverTimeline(const HandoverTimeline&) = delete;
    /// Not copyable.
    /// \return nothing
    HandoverTimeline& operator=(const HandoverTimeline&) = delete;

    /**
     * \brief Follow the layer-2 events of a moving WiFi station.
     * \param host the host
     * \param mac its station MAC (DeAssoc, Assoc)
     */
    void WatchStation(Host host, Ptr<StaWifiMac> mac);

    /**
     * \brief Follow a host's IPv4 address acquisition: its leases.
     * \param host the host
     * \param dhcp its DHCP client: any object with a NewLease trace source
     *        (ns-3's DhcpClient, MobileDhcpClient)
     */
    void WatchDhcp(Host host, Ptr<Object> dhcp);

    /**
     * \brief Follow a host's IPv6 address acquisition: each Router
     *        Advertisement received, each address configured (tentative) and
     *        each address whose duplicate address detection passed
     *        (preferred), and each address it uses (AddressUsable, as a
     *        DHCP lease). Watch before connecting sinks that act on the
     *        address, so that it is noted first.
     * \param host the host
     * \param slaac its SLAAC client
     */
    void WatchSlaac(Host host, Ptr<MobileSlaacClient> slaac);

    /**
     * \brief Give an access point its number in the records (fromAp, toAp).
     * \param bssid the AP's BSSID
     * \param number its number along the corridor (1 for the first)
     */
    void NameAccessPoint(Mac48Address bssid, uint32_t number);

#if MOBISOCKET_NS3_VERSION >= 336
    /**
     * \brief Follow a station's scans (the end of each: ScanCompleted).
     * \param host the host
     * \param manager its association manager
     */
    void WatchScans(Host host, Ptr<ScanningAssocManager> manager);
#endif

    /**
     * \brief Record that a host lost its access link (topologies without
     *        WiFi: the wired test bed's link failure).
     * \param host the host
     */
    void NoteAccessLost(Host host);

    /**
     * \brief Record that a host has a new address it uses (SLAAC: usable;
     *        wired topologies: assigned).
     * \param host the host
     * \param address the address
     */
    void NoteAddressChanged(Host host, const IpAddress& address);

    /**
     * \brief Follow an address-change exchange owned by one host (whatever
     *        the scheme): its updates sent, the peer's updates it accepted,
     *        the confirmations it accepted, its failures.
     * \param owner the host the exchange belongs to
     * \param exchange the exchange
     */
    void WatchExchange(Host owner, Ptr<ChangeExchange> exchange);

    /**
     * \brief Follow the receiving end of a checked stream.
     * \param receiver the receiving application
     * \param sender the sending application (for stream due times)
     * \param uplink true for MH -> CH
     */
    void WatchStream(Ptr<IntegrityApplication> receiver,
                     Ptr<IntegrityApplication> sender,
                     bool uplink);

    /**
     * \brief Account a host's WiFi radio energy per handover (from the
     *        loss of access to the first byte after it) and in total.
     * \param host the host (MH only: the CH has no battery)
     * \param radio its WiFi radio energy model, on the host's battery
     */
    void WatchRadio(Host host, Ptr<energy::DeviceEnergyModel> radio);

    /**
     * \brief Count retransmissions and RTO expiries of a connection end, and
     *        note when it hears its peer (an ACK of new data arrives).
     * \param host the host the socket is on
     * \param socket a TcpSocketBase
     * \param continues the socket whose connection \p socket took over
     *        (CopyTcb), so that the sequence space carries on; null if none
     */
    void WatchTcp(Host host, Ptr<Socket> socket, Ptr<Socket> continues = nullptr);

    /**
     * \brief Record the receptions of a PacketSink (goodput; no integrity check).
     * \param sink the sink
     * \param uplink true if it is on the CH
     */
    void WatchSink(Ptr<PacketSink> sink, bool uplink);

    /**
     * \brief Count the signalling a node sends, by message type and by
     *        sender, from its IPv4 and IPv6 transmissions (SIP over UDP 5060,
     *        DHCP, RS and DAD, in-band TCP control, the redirect daemons'
     *        datagrams, DNS).
     * \param node the node
     * \param sender its name in ScenarioResult::signallingBySender ("MH", "CH", "proxy")
     */
    void WatchSignalling(Ptr<Node> node, const std::string& sender);

    /**
     * \brief Report a host's cryptographic work (and, if given, the energy
     *        its CPU model charged for it) in the result.
     * \param host the host
     * \param agent its crypto agent
     * \param energy its CPU energy model (null: no battery modelled)
     */
    void WatchCrypto(Host host, Ptr<CryptoAgent> agent, Ptr<CpuEnergyModel> energy = nullptr);

    /**
     * \brief Record that an interface handover began: the host switched
     *        interfaces while the old one still worked, or lost the old one.
     *        A host with interface handovers gets no access-link records.
     * \param host the host
     */
    void NoteInterfaceHandoverStart(Host host);

    /**
     * \brief Record that the connection moved to the new interface (CopyTcb).
     * \param host the host
     */
    void NoteInterfaceSwitched(Host host);

    /**
     * \brief Record that the new interface came up (break-before-make: the
     *        second access attached after the old one was lost).
     * \param host the host
     */
    void NoteInterfaceUp(Host host);

    /**
     * \brief Fill the measurements of a result (not the verdict: the
     *        scenario knows its applications; see ScenarioResult::DecideVerdict).
     * \param end the end of the run
     * \param result the result to fill
     */
    void Finish(Time end, ScenarioResult& result) const;

    /**
     * \brief When the data came back after the latest handover of every host.
     * \return the latest of the hosts' resumption times (zero if no host
     *         handed over), or a negative time if some host's latest
     *         handover has not resumed yet
     */
    Time LastResumption() const;

    /**
     * \param host a host
     * \return the addresses the host obtained (leases or changes), with their times
     */
    const std::vector<std::pair<Time, IpAddress>>& GetAddresses(Host host) const;

  private:
    /// Events of one host.
    struct HostEvents
    {
        bool wifi{false};                                  //!< a WiFi station
        std::vector<Time> accessLost;                      //!< DeAssoc or link down
        std::vector<Time> scanCompleted;                   //!< an AP chosen (signal roaming)
        std::vector<Time> associated;                      //!< Assoc
        std::vector<uint32_t> associatedAp;                //!< the AP of each Assoc (0: unnamed)
        std::vector<std::pair<Time, IpAddress>> addresses; //!< leases or changes
        std::vector<Time> advertised;                      //!< IPv6: Router Advertisements
        std::vector<Time> tentative;                       //!< IPv6: addresses configured
        std::vector<Time> preferred;                       //!< IPv6: DAD passed
        std::vector<Time> updateSent;                      //!< own update sent
        std::vector<Time> peerUpdated;       //!< the peer updated for this host's move
        std::vector<Time> peerAnswered;      //!< the peer sent its confirmation of this host's move
        std::vector<Time> confirmed;         //!< confirmation received
        std::vector<Time> interfaceStart;    //!< interface handover began
        std::vector<Time> interfaceSwitched; //!< connection moved (CopyTcb)
        std::vector<Time> interfaceUp;       //!< the new interface came up
        std::vector<Time> ackAdvanced;       //!< an ACK of new data reached its socket
        std::vector<Ptr<ChangeExchange>> exchanges; //!< this host's exchanges
        std::map<std::string, uint64_t> rejected;   //!< messages its exchanges refused, by reason
        Ptr<CryptoAgent> crypto;                    //!< its crypto agent (null: not watched)
        Ptr<CpuEnergyModel> energy;                 //!< its CPU energy model (null: none)
        Ptr<energy::DeviceEnergyModel> radio;       //!< its WiFi radio model (null: none)
        std::vector<double> accessLostRadioJ;       //!< radio energy at each accessLost
    };

    /// One received chunk.
    struct Reception
    {
        Time time;      //!< when
        uint32_t bytes; //!< how much
        bool uplink;    //!< direction
    };

    /**
     * \brief Whether a host heard its peer in a time window: it received
     *        application data, or an ACK of new data reached its socket.
     * \param host the host
     * \param from window start (exclusive, s)
     * \param to window end (exclusive, s)
     * \return whether it did
     */
    bool HeardBetween(Host host, double from, double to) const;

    /**
     * \param host a host
     * \param sink the host's event vector to append to
     */
    void Note(Host host, std::vector<Time> HostEvents::*sink);

    /**
     * \brief Note application data received now.
     * \param bytes how much
     * \param uplink true if at the CH
     */
    void NoteReception(uint32_t bytes, bool uplink);

    /**
     * \brief Note the one-way delay of every stream chunk whose last byte
     *        was received now.
     * \param sender the sending application (its chunks' due times)
     * \param offset the stream offset of the first byte received
     * \param bytes how many were received
     * \param chunkBytes the stream's chunk size
     * \param totalBytes what the stream sends in all (its last chunk may be short)
     */
    void NoteChunks(const IntegrityApplication& sender,
                    uint64_t offset,
                    uint32_t bytes,
                    uint64_t chunkBytes,
                    uint64_t totalBytes);

    /**
     * \brief The record of one access-link (WiFi or wired) handover.
     * \param host the host
     * \param events its events
     * \param i the handover's index
     * \param horizon the end of the run (s)
     * \return the record, with its outcome
     */
    HandoverRecord AccessRecord(Host host,
                                const HostEvents& events,
                                size_t i,
                                double horizon) const;

    /**
     * \brief The record of one interface handover.
     * \param host the host
     * \param events its events
     * \param i the handover's index
     * \param horizon the end of the run (s)
     * \return the record
     */
    HandoverRecord InterfaceRecord(Host host,
                                   const HostEvents& events,
                                   size_t i,
                                   double horizon) const;

    /**
     * \brief Decide what became of a handover whose data did not resume.
     * \param r the record
     * \param events its host's events
     * \param isLast it is the host's last handover
     * \param horizon the end of the run (s)
     * \return SUPERSEDED, UNRESOLVED or LOST
     */
    HandoverOutcome OutcomeWithoutData(const HandoverRecord& r,
                                       const HostEvents& events,
                                       bool isLast,
                                       double horizon) const;

    /**
     * \brief Count a signalling message a node sent (IPv4 or IPv6 Tx).
     * \param sender the sending node's name
     * \param packet the packet with its IP header
     * \param name its name (SignallingClassifier); "" for none
     */
    void Transmitted(const std::string& sender, Ptr<const Packet> packet, const std::string& name);

    Time m_binWidth;                              //!< goodput bin
    std::array<HostEvents, 2> m_hosts;            //!< per host (IndexOf)
    std::map<Mac48Address, uint32_t> m_apNumbers; //!< BSSID -> AP number
    std::vector<Reception> m_receptions;          //!< all application receptions
    std::map<Time, double> m_radioSamples; //!< MH radio energy at first receptions after its moves
    std::vector<std::pair<Time, Time>> m_delays; //!< per stream chunk: (receive time, delay)
    std::map<Ptr<Socket>, std::shared_ptr<uint32_t>> m_highest; //!< highest sequence sent
    uint32_t m_retransmissions{0};                              //!< data segments sent again
    std::vector<Time> m_rtoExpiries;                            //!< RTO doublings, any end
    std::map<std::string, MessageStats> m_signalling;           //!< per type
    std::map<std::string, MessageStats> m_signallingBySender;   //!< per sender
};

} // namespace ns3

#endif /* HANDOVER_TIMELINE_H */
