/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef HANDOVER_TIMELINE_H
#define HANDOVER_TIMELINE_H

#include "handover-scenario.h"

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class DhcpClient;
class IntegrityApplication;
class Ipv4;
class RelocatableTcpSocket;
class Node;
class Packet;
class PacketSink;
class SipUserAgent;
class Socket;
class StaWifiMac;

/**
 * \ingroup mobisocket
 * \brief Collects, from trace sources only, everything a handover run
 *        measures: the per-handover timeline, goodput and delay series,
 *        retransmissions and RTO expiries, and signalling on the wire.
 *
 * Every number of a HandoverScenario::Result is computed here, once, from
 * what the models trace; the scenario only wires the sinks.
 */
class HandoverTimeline
{
  public:
    /**
     * \param binWidth goodput bin width
     */
    explicit HandoverTimeline(Time binWidth);

    /**
     * \brief Follow the layer-2 and layer-3 events of a moving host.
     * \param host "MH" or "CH"
     * \param mac its station MAC
     * \param dhcp its DHCP client
     */
    void WatchStation(const std::string& host, Ptr<StaWifiMac> mac, Ptr<DhcpClient> dhcp);

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
     * \brief Count retransmissions and RTO expiries of a connection end.
     * \param socket a TcpSocketBase
     * \param continues the socket whose connection \p socket took over
     *        (CopyTcb), so that the sequence space carries on; null if none
     */
    void WatchTcp(Ptr<Socket> socket, Ptr<Socket> continues = nullptr);

    /**
     * \brief Record the receptions of a PacketSink (goodput; no integrity check).
     * \param sink the sink
     * \param uplink true if it is on the CH
     */
    void WatchSink(Ptr<PacketSink> sink, bool uplink);

    /**
     * \brief Follow the address changes a relocatable connection end makes
     *        and learns (MobiSocket, TCP-R, the redirect daemon's sockets):
     *        change announced and confirmed, the peer's TCB rewritten.
     * \param host "MH" or "CH"
     * \param socket the socket
     */
    void WatchRelocatable(const std::string& host, Ptr<RelocatableTcpSocket> socket);

    /**
     * \brief Follow the update procedure of a SIP user agent (the INFO with
     *        the AddChange sent, the confirming INFO verified).
     * \param host "MH" or "CH"
     * \param agent the user agent
     */
    void WatchUserAgent(const std::string& host, Ptr<SipUserAgent> agent);

    /**
     * \brief Count the signalling a node sends, by message type, from its
     *        IPv4 transmissions (SIP over UDP 5060, DHCP, in-band TCP control).
     * \param node the node
     */
    void WatchSignalling(Ptr<Node> node);

    /**
     * \brief Record that a host sent its update (INFO, AddChange, ...).
     * \param host the mover
     */
    void NoteUpdateSent(const std::string& host);

    /**
     * \brief Record that the peer of a mover rewrote its TCB.
     * \param mover the host that moved
     */
    void NotePeerUpdated(const std::string& mover);

    /**
     * \brief Record that a mover received the confirmation of its update.
     * \param host the mover
     */
    void NoteConfirmed(const std::string& host);

    /**
     * \brief Record that an interface handover began: the host switched
     *        interfaces while the old one still worked, or lost the old one.
     *        A host with interface handovers gets no "wifi" records.
     * \param host the host
     */
    void NoteInterfaceHandoverStart(const std::string& host);

    /**
     * \brief Record that the connection moved to the new interface (CopyTcb).
     * \param host the host
     */
    void NoteInterfaceSwitched(const std::string& host);

    /**
     * \brief Fill the measurements of a result.
     * \param end the end of the run
     * \param result the result to fill
     */
    void Finish(Time end, HandoverScenario::Result& result) const;

    /**
     * \param host "MH" or "CH"
     * \return the leases the host obtained, with their times
     */
    const std::vector<std::pair<Time, Ipv4Address>>& GetLeases(const std::string& host) const;

  private:
    /// Events of one host.
    struct HostEvents
    {
        std::vector<Time> deassoc;                        //!< DeAssoc times
        std::vector<Time> assoc;                          //!< Assoc times
        std::vector<std::pair<Time, Ipv4Address>> leases; //!< NewLease times
        std::vector<Time> updateSent;                     //!< own update sent
        std::vector<Time> peerUpdated;                    //!< the peer updated for this host's move
        std::vector<Time> confirmed;                      //!< confirmation received
        std::vector<Time> interfaceStart;                 //!< interface handover began
        std::vector<Time> interfaceSwitched;              //!< connection moved (CopyTcb)
    };

    /// One received chunk.
    struct Reception
    {
        Time time;      //!< when
        uint32_t bytes; //!< how much
        bool uplink;    //!< direction
    };

    /**
     * \param host a host name
     * \param sink the host's event vector to append to
     */
    void Note(const std::string& host, std::vector<Time> HostEvents::*sink);

    /**
     * \brief IPv4 Tx sink classifying signalling.
     * \param packet the packet with its IP header
     * \param ipv4 the stack
     * \param interface the interface
     */
    /**
     * \brief The record of one interface handover.
     * \param host the host
     * \param events its events
     * \param i the handover's index
     * \param horizon the end of the run (s)
     * \return the record
     */
    HandoverScenario::HandoverRecord InterfaceRecord(const std::string& host,
                                                     const HostEvents& events,
                                                     size_t i,
                                                     double horizon) const;

    void Transmitted(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface);

    Time m_binWidth;                                            //!< goodput bin
    std::map<std::string, HostEvents> m_hosts;                  //!< per host
    std::vector<Reception> m_receptions;                        //!< all application receptions
    std::vector<std::pair<Time, Time>> m_delays;                //!< (receive time, delay)
    std::map<Ptr<Socket>, std::shared_ptr<uint32_t>> m_highest; //!< highest sequence sent
    uint32_t m_retransmissions{0};                              //!< data segments sent again
    uint32_t m_rtoExpiries{0};                                  //!< RTO doublings
    std::map<std::string, HandoverScenario::MessageStats> m_signalling; //!< per type
};

} // namespace ns3

#endif /* HANDOVER_TIMELINE_H */
