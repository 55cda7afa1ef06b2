/*
 * Copyright (c) 2026 The mobisocket authors
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef INTEGRITY_APPLICATION_H
#define INTEGRITY_APPLICATION_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/data-rate.h"
#include "ns3/event-id.h"
#include "ns3/traced-callback.h"
#include "ns3/type-id.h"

#include <cstdint>

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup mobisocket
 * \brief A byte-stream integrity oracle: writes a known pattern into a TCP
 *        connection and checks every byte it receives against it.
 *
 * Byte i of every stream is StreamPattern(i), a function with no period
 * shorter than 2^32 words, so a lost, duplicated or reordered segment shows
 * as a mismatch at a known offset. The application either connects (Remote
 * set) or listens (Local set) and accepts one connection; either side may
 * send (SendBytes) and always checks what it receives, so one connection can
 * carry a checked stream in each direction.
 *
 * Sending is either bulk (fill the socket as fast as it takes data) or a
 * constant-rate stream (DataRate > 0: one ChunkBytes write every
 * ChunkBytes / DataRate, the data backing up in the application while the
 * connection is stalled), the latter standing for the TCP media of an
 * RFC 4145 session; GetDueTime() tells when a byte was generated.
 *
 * It works with any stream socket factory (plain TCP, MobiSocket, the
 * baselines). After CopyTcb the application is told its new socket with
 * SetSocket().
 */
class IntegrityApplication : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    IntegrityApplication();

    /**
     * \param offset a byte offset in the stream
     * \return the byte the pattern has there
     */
    static uint8_t StreamPattern(uint64_t offset);

    /// \return the connected (or accepted) socket, or nullptr
    Ptr<Socket> GetSocket() const;

    /**
     * \brief Continue on another socket that now holds the connection
     *        (after MobiSocket::CopyTcb).
     * \param socket the socket
     */
    void SetSocket(Ptr<Socket> socket);

    /// \return bytes written into the socket so far
    uint64_t GetBytesSent() const;
    /// \return bytes received and checked so far
    uint64_t GetBytesReceived() const;
    /// \return true while every received byte matched the pattern
    bool IsIntact() const;
    /// \return offset of the first mismatching byte, or -1 if none
    int64_t GetFirstMismatch() const;
    /// \return true if the connection closed with an error
    bool HasFailed() const;
    /// \return true if the peer closed the connection normally
    bool IsClosed() const;

    /**
     * \brief When the stream generated a byte (constant-rate mode).
     * \param offset the byte's stream offset
     * \return the time its chunk was written by the application
     */
    Time GetDueTime(uint64_t offset) const;

    /**
     * TracedCallback signature for received data.
     * \param [in] packet the data
     * \param [in] offset stream offset of its first byte
     */
    typedef void (*RxTracedCallback)(Ptr<const Packet> packet, uint64_t offset);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /**
     * \brief Attach the send/receive/close callbacks to a socket.
     * \param socket the socket
     */
    void Adopt(Ptr<Socket> socket);
    /**
     * \brief Write as much of the pattern as the socket takes.
     * \param socket the socket
     * \param available free space reported by the socket
     */
    void Fill(Ptr<Socket> socket, uint32_t available);
    /**
     * \brief Read and check everything the socket has.
     * \param socket the socket
     */
    void Receive(Ptr<Socket> socket);
    /// Generate the next chunk of the constant-rate stream.
    void StreamTick();

    /**
     * \brief Start generating data (bulk or stream) on the connected socket.
     * \param socket the socket
     */
    void StartSending(Ptr<Socket> socket);

    /**
     * \brief Connection established (active side).
     * \param socket the socket
     */
    void Connected(Ptr<Socket> socket);
    /**
     * \brief Connection failed (active side).
     * \param socket the socket
     */
    void ConnectFailed(Ptr<Socket> socket);
    /**
     * \brief A connection was accepted (passive side).
     * \param socket the new socket
     * \param from the peer
     */
    void Accepted(Ptr<Socket> socket, const Address& from);
    /**
     * \brief The peer closed normally.
     * \param socket the socket
     */
    void PeerClosed(Ptr<Socket> socket);
    /**
     * \brief The connection died.
     * \param socket the socket
     */
    void ErrorClosed(Ptr<Socket> socket);

    TypeId m_protocol;                                     //!< socket factory type
    Address m_remote;                                      //!< peer to connect to (active side)
    Address m_local;                                       //!< address to listen on (passive side)
    uint64_t m_sendBytes{0};                               //!< bytes to send in total
    uint32_t m_chunkBytes{0};                              //!< bytes per Send() call
    DataRate m_streamRate;                                 //!< stream rate (0: bulk)
    Time m_streamStart;                                    //!< when the stream started
    uint64_t m_due{0};                                     //!< stream bytes generated so far
    EventId m_streamEvent;                                 //!< next stream chunk
    Ptr<Socket> m_listener;                                //!< listening socket (passive side)
    Ptr<Socket> m_socket;                                  //!< connection socket
    uint64_t m_sent{0};                                    //!< bytes written into the socket
    uint64_t m_received{0};                                //!< bytes received and checked
    int64_t m_firstMismatch{-1};                           //!< first bad offset
    bool m_failed{false};                                  //!< error close seen
    bool m_closed{false};                                  //!< normal close seen
    TracedCallback<Ptr<const Packet>, uint64_t> m_rxTrace; //!< "Rx"
    TracedCallback<Ptr<Socket>> m_connectedTrace;          //!< "Connected"
};

} // namespace ns3

#endif /* INTEGRITY_APPLICATION_H */
