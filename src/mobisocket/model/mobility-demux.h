/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MOBILITY_DEMUX_H
#define MOBILITY_DEMUX_H

#include "ip-address.h"
#include "mobility-control-header.h"

#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>
#include <optional>
#include <tuple>

namespace ns3
{

class Node;

/**
 * \ingroup mobisocket
 * \brief Sits in front of a node's TcpL4Protocol (IP protocol 6, in IPv4's
 *        and in IPv6's protocol table) and delivers mobility control
 *        segments to the connection they name.
 *
 * A control segment (AddChange, AddConfirm) comes from a 4-tuple the
 * receiving stack does not know yet, so ns-3's endpoint demultiplexer would
 * answer it with a RST or hand it to a listener. The demux recognises it
 * (URG flag, "MoBi" envelope) and passes it to the Receiver (a connection
 * end) registered under the token it carries. TCP Migrate's Migrate SYN and
 * its SYN/ACK (a SYN carrying a MigrateOption) go the same way. Every other segment goes,
 * unchanged, to the original TcpL4Protocol, so plain TCP behaves exactly as without the demux.
 *
 * It also keeps "tombstones": the 4-tuples that a connection on this node has
 * just left. Segments that the peer still sends to such a tuple are dropped
 * silently instead of drawing a RST from the stack, which would kill the
 * peer's connection (the peer has not updated yet).
 *
 * Install() puts the demux in place; it is aggregated to the node.
 */
class MobilityDemux : public IpL4Protocol
{
  public:
    /**
     * \brief What the demux delivers control segments to: a connection end
     *        registered under its token (the demux knows nothing else of it).
     */
    class Receiver
    {
      public:
        virtual ~Receiver();

        /// \return true while the connection can take control segments
        virtual bool CanReceiveControl() const = 0;

        /**
         * \brief A control segment for this connection arrived.
         * \param type the message type read from the envelope
         * \param payload the control message (TCP payload)
         * \param source the segment's source address
         * \param sourcePort the segment's source port
         */
        virtual void ReceiveControl(MobilityControlHeader::MessageType type,
                                    Ptr<Packet> payload,
                                    const IpAddress& source,
                                    uint16_t sourcePort) = 0;
    };

    /// Why a segment was consumed without reaching TCP.
    enum DropReason
    {
        UNKNOWN_TOKEN = 0, //!< control message for no registered connection
        MALFORMED = 1,     //!< URG segment with our magic but an incomplete envelope
        BAD_CHECKSUM = 2,  //!< control message with a wrong TCP checksum
        TOMBSTONE = 3      //!< segment for a 4-tuple a connection has left
    };

    /// Number of drop reasons.
    static constexpr int N_DROP_REASONS = 4;

    /// Offset of the flags byte in a TCP header (RFC 9293, section 3.1).
    static constexpr uint32_t TCP_FLAGS_OFFSET = 13;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    MobilityDemux();

    /**
     * \brief Put a demux in front of the node's TCP (idempotent).
     *
     * The node must already have the Internet stack (InternetStackHelper).
     * \param node the node
     * \return the node's demux
     */
    static Ptr<MobilityDemux> Install(Ptr<Node> node);

    /**
     * \brief Register a connection under its token.
     * \param token the connection token
     * \param receiver the connection (not owned; it unregisters itself)
     * \return false if another live connection holds the token
     */
    bool Register(uint64_t token, Receiver* receiver);

    /**
     * \brief Remove a registration (only if it belongs to this socket).
     * \param token the connection token
     * \param receiver the connection
     */
    void Unregister(uint64_t token, Receiver* receiver);

    /**
     * \param token a connection token
     * \return the live connection registered under it, or nullptr
     */
    Receiver* Lookup(uint64_t token) const;

    /**
     * \brief Drop, for a while, the segments a peer sends to a 4-tuple that a
     *        local connection has left.
     * \param localAddress the address left
     * \param localPort the port left
     * \param peerAddress the peer address of the connection
     * \param peerPort the peer port of the connection
     * \param lifetime how long to keep the tombstone
     */
    void AddTombstone(const IpAddress& localAddress,
                      uint16_t localPort,
                      const IpAddress& peerAddress,
                      uint16_t peerPort,
                      Time lifetime);

    /**
     * \brief Remove the tombstone of a 4-tuple (a connection moves back to it).
     * \param localAddress local address
     * \param localPort local port
     * \param peerAddress peer address
     * \param peerPort peer port
     */
    void ClearTombstone(const IpAddress& localAddress,
                        uint16_t localPort,
                        const IpAddress& peerAddress,
                        uint16_t peerPort);

    /// \return control segments delivered to a connection
    uint64_t GetDeliveredCount() const;
    /**
     * \param reason a drop reason
     * \return segments dropped for that reason
     */
    uint64_t GetDropCount(DropReason reason) const;

    /**
     * \brief Draw a random connection nonce from the node's stream.
     * \return a non-zero 32-bit nonce
     */
    uint32_t DrawNonce();

    /**
     * \brief Assign a fixed random variable stream number.
     * \param stream first stream index to use
     * \return the number of stream indices assigned
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * TracedCallback signature for dropped segments.
     * \param [in] packet the segment (TCP header included)
     * \param [in] source its source address (IPv4 or IPv6)
     * \param [in] destination its destination address
     * \param [in] reason why it was dropped
     */
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       const IpAddress& source,
                                       const IpAddress& destination,
                                       DropReason reason);

    // IpL4Protocol
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void ReceiveIcmp(Ipv4Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv4Address payloadSource,
                     Ipv4Address payloadDestination,
                     const uint8_t payload[8]) override;
    void ReceiveIcmp(Ipv6Address icmpSource,
                     uint8_t icmpTtl,
                     uint8_t icmpType,
                     uint8_t icmpCode,
                     uint32_t icmpInfo,
                     Ipv6Address payloadSource,
                     Ipv6Address payloadDestination,
                     const uint8_t payload[8]) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    /// (local address, local port, peer address, peer port)
    using FourTuple = std::tuple<IpAddress, uint16_t, IpAddress, uint16_t>;

    /// The addresses of a segment being received.
    struct SegmentAddresses
    {
        IpAddress source;      //!< its source address
        IpAddress destination; //!< its destination address
    };

    /**
     * \brief What Receive() does for both families: deliver control
     *        segments, drop those for a tombstoned 4-tuple, pass on the rest.
     * \tparam IpHeader Ipv4Header or Ipv6Header
     * \tparam Interface Ipv4Interface or Ipv6Interface
     * \param p the segment (TCP header included)
     * \param header its IP header
     * \param incomingInterface where it arrived
     * \return what became of it
     */
    template <class IpHeader, class Interface>
    RxStatus ReceiveSegment(Ptr<Packet> p,
                            const IpHeader& header,
                            Ptr<Interface> incomingInterface);

    /**
     * \brief The segment is for TCP: hand it to the protocol of its family
     *        that handled TCP before the demux.
     * \param p the segment \param header its IPv4 header \param interface where it arrived
     * \return what TCP made of it
     */
    RxStatus PassOn(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> interface);
    /**
     * \brief As above, for IPv6.
     * \param p the segment \param header its IPv6 header \param interface where it arrived
     * \return what TCP made of it
     */
    RxStatus PassOn(Ptr<Packet> p, const Ipv6Header& header, Ptr<Ipv6Interface> interface);

    /**
     * \brief Count and trace a dropped segment.
     * \param p the segment
     * \param addresses its addresses
     * \param reason why
     */
    void Drop(Ptr<const Packet> p, const SegmentAddresses& addresses, DropReason reason);

    /**
     * \brief Check the TCP checksum of a segment when checksums are enabled.
     * \param p the segment
     * \param addresses its addresses (the pseudo-header's)
     * \return true if checksums are off or the checksum is right
     */
    bool ChecksumOk(Ptr<const Packet> p, const SegmentAddresses& addresses) const;

    /**
     * \brief Take a SYN that carries a Migrate option (TCP Migrate's Migrate
     *        SYN or its SYN/ACK, MigrateOption) to the connection it names.
     * \param p the segment (TCP header included)
     * \param addresses its addresses
     * \return what became of it, or nothing if it carries no Migrate option
     *         (it goes to TCP)
     */
    std::optional<RxStatus> ReceiveMigrateSyn(Ptr<Packet> p, const SegmentAddresses& addresses);

    /**
     * \brief Deliver a control message to the connection registered under its
     *        token (checksum checked first).
     * \param p the whole segment (TCP header included)
     * \param addresses its addresses
     * \param type the message type
     * \param token the token it names
     * \param payload the message
     * \param sourcePort the segment's source port
     * \return what became of it
     */
    RxStatus Deliver(Ptr<const Packet> p,
                     const SegmentAddresses& addresses,
                     MobilityControlHeader::MessageType type,
                     uint64_t token,
                     Ptr<Packet> payload,
                     uint16_t sourcePort);

    /**
     * \brief Whether a segment is for a 4-tuple a connection has left (an
     *        expired tombstone is removed).
     * \param addresses its addresses
     * \param fixed its first TCP_FLAGS_OFFSET + 1 bytes (the ports)
     * \return true to drop it
     */
    bool IsTombstoned(const SegmentAddresses& addresses, const uint8_t* fixed);

    Ptr<IpL4Protocol> m_next;                       //!< what handled TCP over IPv4 before us
    Ptr<IpL4Protocol> m_next6;                      //!< what handled TCP over IPv6 before us
    Ptr<class UniformRandomVariable> m_nonceRng;    //!< nonce source
    std::map<uint64_t, Receiver*> m_registry;       //!< token -> connection
    std::map<FourTuple, Time> m_tombstones;         //!< left 4-tuples -> expiry
    uint64_t m_delivered{0};                        //!< control segments delivered
    std::array<uint64_t, N_DROP_REASONS> m_drops{}; //!< drops per reason
    /// "Drop"
    TracedCallback<Ptr<const Packet>, const IpAddress&, const IpAddress&, DropReason> m_dropTrace;
};

} // namespace ns3

#endif /* MOBILITY_DEMUX_H */
